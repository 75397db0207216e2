import 'reflect-metadata';
import { existsSync, statSync } from 'node:fs';
import { loadIdnAreaCatalog } from '@bansos/regions';
import { ConfigError, loadEmbeddedConfig, loadSecrets, openEmbeddedSystem, systemClock } from '@bansos/platform';
import { AUDIT_USAGE, auditCommand } from './audit/audit-command';
import { failureSignal } from './audit/cli-io';
import { UsageError } from './flags';
import { IMPORT_USAGE, importCommand, importFileArg } from './import-command';
import { nikValidate, NIK_VALIDATE_USAGE } from './nik-validate';
import { TOKEN_USAGE, tokenCommand } from './token-command';

const USAGE = `Usage: bansos <command>
  nik validate [--today YYYY-MM-DD] [--json]   validate NIKs read from stdin
  import recipients FILE.csv [--data-dir DIR]  register recipients from a CSV file
  token --user USER --role ROLE [--hours N]    print a signed staff token
  audit replay|export|verify ...               rebuild and compare read models; export and verify the log
The data directory is DATA_DIR (default ./data) unless --data-dir is given.
`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'nik' && rest[0] === 'validate') {
    return nikValidate(rest.slice(1), process.stdin, process.stdout, loadIdnAreaCatalog(), () => systemClock.now());
  }
  if (command === 'token') {
    const config = configFor(rest);
    const secrets = loadSecrets(config.dataDir, config);
    process.stdout.write(`${tokenCommand(rest, secrets.tokenSecret, systemClock.now())}\n`);
    return 0;
  }
  if (command === 'import') {
    const { file, user } = importFileArg(rest);
    if (!existsSync(file) || !statSync(file).isFile()) throw new Error(`no such file: ${file}`);
    const config = configFor(rest);
    // A projector that dies must end the wait for the read models, not hang it.
    const { failed, fail } = failureSignal();
    const system = await openEmbeddedSystem({
      dataDir: config.dataDir,
      tokenSecret: config.tokenSecret,
      lookupSecret: config.lookupSecret,
      onProjectorError: fail,
    });
    try {
      const report = await Promise.race([importCommand(system, file, user, process.stderr), failed]);
      process.stdout.write(`${JSON.stringify(report)}\n`);
      return report.rejected.length === 0 ? 0 : 1;
    } finally {
      await system.close();
    }
  }
  if (command === 'audit') {
    return auditCommand(rest, { stdout: process.stdout, stderr: process.stderr, env: process.env });
  }
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  throw new UsageError(`unknown command "${argv.join(' ')}"`);
}

/** The environment's settings, with --data-dir taking precedence over DATA_DIR. */
function configFor(args: readonly string[]) {
  const i = args.findIndex((a) => a === '--data-dir' || a.startsWith('--data-dir='));
  const dataDir = i < 0 ? undefined : args[i].includes('=') ? args[i].slice(args[i].indexOf('=') + 1) : args[i + 1];
  return loadEmbeddedConfig({ ...process.env, ...(dataDir ? { DATA_DIR: dataDir } : {}) });
}

function usageFor(argv: readonly string[]): string {
  if (argv[0] === 'nik') return NIK_VALIDATE_USAGE;
  if (argv[0] === 'token') return TOKEN_USAGE;
  if (argv[0] === 'import') return IMPORT_USAGE;
  if (argv[0] === 'audit') return AUDIT_USAGE;
  return USAGE;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof ConfigError) {
      process.stderr.write(`bansos: ${error.message}\n${error instanceof UsageError ? usageFor(process.argv.slice(2)) : ''}`);
      process.exitCode = 2;
      return;
    }
    const text = error instanceof Error ? error.message : String(error);
    process.stderr.write(`bansos: ${text.replace(/\d{16}/g, '################')}\n`);
    process.exitCode = 1;
  },
);

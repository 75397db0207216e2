import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadEmbeddedConfig, openEmbeddedSystem } from '@bansos/platform';
import { createApp } from './app.factory';
import { redact } from './http/redact';

/** `npm start`: the whole system in one process on the embedded on-disk stores. */
async function main(): Promise<void> {
  const config = loadEmbeddedConfig();
  const logger = new Logger('cek-bansos');
  const system = await openEmbeddedSystem({
    dataDir: config.dataDir,
    tokenSecret: config.tokenSecret,
    lookupSecret: config.lookupSecret,
    onProjectorError: (error) => logger.error(redact(String(error instanceof Error ? error.stack : error))),
  });
  const app = await createApp(system, {
    checkRateLimitPerMinute: config.checkRateLimitPerMinute,
    logger: config.logLevel === 'silent' ? false : config.logLevel === 'info' ? ['error', 'warn', 'log'] : ['error', 'warn'].slice(0, config.logLevel === 'error' ? 1 : 2) as ('error' | 'warn')[],
  });
  await app.listen({ port: config.port, host: config.host });
  logger.log(`listening on http://${config.host}:${config.port} (data in ${config.dataDir}); OpenAPI at /api/docs`);
  const stop = async () => {
    await app.close();
    await system.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`${redact(String(error instanceof Error ? error.stack : error))}\n`);
  process.exit(1);
});

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { registerRecipient } from '@bansos/application';
import { SqliteEventStore } from '@bansos/eventstore';
import { openEmbeddedSystem, verifyToken } from '@bansos/platform';
import { hmacLookupKeys, SqliteReadModelStore, type LookupDocument } from '@bansos/read-models';
import { kkNo, nikNo, resident, staff, tempDir } from '../support/int-registry';

/**
 * The `bansos` command as a user runs it: `node bin/bansos.js …` on the built dist/, which
 * jest's global setup compiles once before any suite (test/support/build.ts). Rebuilding it
 * here rewrote dist/ while suites running alongside started projector threads from it.
 */
const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'bansos.js');
const CLEAN_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !['DATA_DIR', 'TOKEN_SECRET', 'LOOKUP_SECRET'].includes(name)),
);

function bansos(args: readonly string[], stdin = '') {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input: stdin, encoding: 'utf8', env: CLEAN_ENV, timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The same, without blocking: for several processes at once. */
function bansosAsync(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: CLEAN_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const jsonLines = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

const VALID_FIELDS = ['input', 'valid', 'errors', 'provinceCode', 'regencyCode', 'districtCode', 'birthDate', 'sex'];
const STACK_FRAME = /^\s+at /m;

let temp: ReturnType<typeof tempDir>;
beforeEach(() => {
  temp = tempDir('cli');
});
afterEach(() => temp.remove());

describe('bansos nik validate', () => {
  it('prints one JSON verdict per stdin line, with every field for a valid NIK', () => {
    const { code, stdout } = bansos(['nik', 'validate', '--today', '2026-11-30'], '3510014506900001\n9910011203750001\n');
    expect(code).toBe(0);
    const [valid, invalid] = jsonLines(stdout);
    expect(Object.keys(valid)).toEqual(VALID_FIELDS);
    expect(valid).toEqual({
      input: '3510014506900001',
      valid: true,
      errors: [],
      provinceCode: '35',
      regencyCode: '3510',
      districtCode: '351001',
      birthDate: '1990-06-05',
      sex: 'F',
    });
    expect(Object.keys(invalid)).toEqual(['input', 'valid', 'errors']);
    expect(invalid).toMatchObject({ input: '9910011203750001', valid: false, errors: [{ code: 'province' }] });
  });

  it('with --json reads each line as a JSON string, so a space inside a NIK reaches the rules', () => {
    const { code, stdout } = bansos(['nik', 'validate', '--json'], '"3510011203750001"\n"3510 11203750001"\n');
    expect(code).toBe(0);
    const [valid, spaced] = jsonLines(stdout);
    expect(valid).toMatchObject({ input: '3510011203750001', valid: true, sex: 'M', birthDate: '1975-03-12' });
    expect(spaced).toEqual({
      input: '3510 11203750001',
      valid: false,
      errors: [expect.objectContaining({ code: 'non_digit', message: expect.any(String) })],
    });
  });
});

describe('bansos token', () => {
  it('prints a token signed with the data directory secret, for that user and role', () => {
    const { code, stdout } = bansos(['token', '--user', 'u', '--role', 'operator', '--data-dir', temp.dir]);
    expect(code).toBe(0);
    const { tokenSecret } = JSON.parse(readFileSync(join(temp.dir, 'secrets.json'), 'utf8')) as { tokenSecret: string };
    const check = verifyToken(tokenSecret, stdout.trim(), new Date());
    expect(check).toMatchObject({ ok: true, claims: { userId: 'u', role: 'operator' } });
    expect(verifyToken('another-secret-of-at-least-32-chars', stdout.trim(), new Date())).toMatchObject({ ok: false });
  });

  it('--data-dir=DIR takes the whole value, even a path with "=" in it', () => {
    const dir = join(temp.dir, 'kab=banyuwangi');
    const { code, stdout } = bansos(['token', '--user', 'u', '--role', 'operator', `--data-dir=${dir}`]);
    expect(code).toBe(0);
    expect(existsSync(join(temp.dir, 'kab', 'secrets.json'))).toBe(false);
    const { tokenSecret } = JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')) as { tokenSecret: string };
    expect(verifyToken(tokenSecret, stdout.trim(), new Date())).toMatchObject({ ok: true });
  });

  it('refuses an unknown role with exit code 2 and says which roles exist', () => {
    const { code, stdout, stderr } = bansos(['token', '--user', 'u', '--role', 'lurah', '--data-dir', temp.dir]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--role must be one of operator, assessor, disburser, auditor, ops, admin');
    expect(stderr).not.toMatch(STACK_FRAME);
  });
});

describe('bansos import recipients', () => {
  const HEADER = 'nik,kk,full_name,village_code,rt,rw,street,program_code,program_name,source';
  const CSV = [
    HEADER,
    '3510011203750001,3510010101200001,BUDI SANTOSO,3510012001,2,1,"Jl. Raya, No. 12",PKH,Program Keluarga Harapan,PUSAT',
    '3510010508050002,3510010101200001,AGUS SANTOSO,3510012001,2,1,Jl. Raya 12,BLT-DD,BLT Dana Desa,KABUPATEN',
    '3510014506900001,3510010202200002,SITI AMINAH,3510012001,3,1,Jl. Mawar 1,PKH,Program Keluarga Harapan,PROVINSI',
    '351001120375000,3510010303200003,SALAH NIK,3510012001,2,1,Jl. Melati 3,PKH,Program Keluarga Harapan,PUSAT',
    '3510015203850004,3510010404200004,DEWI LESTARI,3510012001,4,2,Dusun Sumberagung,BPNT,Bantuan Pangan Non Tunai,KABUPATEN',
    '',
  ].join('\n');

  it('registers the good lines, reports the bad ones by line and code, and exits 1', () => {
    const file = join(temp.dir, 'penerima.csv');
    writeFileSync(file, CSV);
    const { code, stdout, stderr } = bansos(['import', 'recipients', file, '--data-dir', temp.dir]);

    expect(stderr).not.toMatch(STACK_FRAME);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { accepted: number; rejected: { line: number; code: string; message: string }[] };
    expect(report).toEqual({
      accepted: 3,
      rejected: [
        { line: 3, code: 'HOUSEHOLD_ALREADY_ENROLLED', message: expect.any(String) },
        { line: 5, code: 'INVALID_NIK', message: expect.any(String) },
      ],
    });
  });

  it('leaves the lookup read model caught up: a newly opened system answers for an imported NIK', async () => {
    const file = join(temp.dir, 'penerima.csv');
    writeFileSync(file, CSV);
    expect(bansos(['import', 'recipients', file, '--data-dir', temp.dir]).code).toBe(1);

    // Before any projector runs again: the CLI waited for the projections before it exited.
    const events = SqliteEventStore.open(join(temp.dir, 'events.sqlite'));
    const readModels = SqliteReadModelStore.open(join(temp.dir, 'read-models.sqlite'));
    try {
      const head = await events.headPosition();
      expect(head).toBeGreaterThan(0n);
      expect(await readModels.checkpoint('lookup')).toBe(head);
      const { lookupSecret } = JSON.parse(readFileSync(join(temp.dir, 'secrets.json'), 'utf8')) as { lookupSecret: string };
      const siti = await readModels.get('lookup', hmacLookupKeys(lookupSecret).nik('3510014506900001'));
      expect(siti?.doc).toMatchObject({ enrolled: true, source: 'PROVINSI', maskedName: 'S***I A****H' });
    } finally {
      await events.close();
      await readModels.close();
    }

    const system = await openEmbeddedSystem({ dataDir: temp.dir });
    try {
      const found = await system.readModels.get('lookup', system.lookupKeys.nik('3510015203850004'));
      expect(found?.doc as LookupDocument).toMatchObject({ kind: 'person', enrolled: true, source: 'KABUPATEN' });
      const refused = await system.readModels.get('lookup', system.lookupKeys.nik('3510010508050002'));
      expect(refused).toBeNull(); // his line was refused, so nothing about him was stored
    } finally {
      await system.close();
    }
  });

  it('a missing file gives one clear line on stderr, not a stack trace', () => {
    const { code, stdout, stderr } = bansos(['import', 'recipients', join(temp.dir, 'tidak-ada.csv'), '--data-dir', temp.dir]);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^bansos: .*no such file.*tidak-ada\.csv/);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(STACK_FRAME);
  });

  it('a missing file argument is a usage error (exit 2)', () => {
    const { code, stderr } = bansos(['import', 'recipients', '--data-dir', temp.dir]);
    expect(code).toBe(2);
    expect(stderr).toContain('expected: bansos import recipients FILE.csv');
  });

  it('two imports in two processes at once: both print their report, and one source per household holds', async () => {
    const households = 500;
    const csvFor = (source: string, firstSerial: number) =>
      [HEADER]
        .concat(
          Array.from({ length: households }, (_, i) => {
            const nik = `351001120375${String(firstSerial + i).padStart(4, '0')}`;
            const kk = `351001010120${String(i + 1).padStart(4, '0')}`;
            return `${nik},${kk},WARGA PESANGGARAN,3510012001,1,1,Jl. Raya,PKH,Program Keluarga Harapan,${source}`;
          }),
        )
        .join('\n');
    const pusat = join(temp.dir, 'pusat.csv');
    const kabupaten = join(temp.dir, 'kabupaten.csv');
    writeFileSync(pusat, csvFor('PUSAT', 1));
    writeFileSync(kabupaten, csvFor('KABUPATEN', 1001));

    const runs = await Promise.all([pusat, kabupaten].map((f) => bansosAsync(['import', 'recipients', f, '--data-dir', temp.dir])));

    // Each process prints its report, even while the other one is still writing to the same files.
    expect(runs.map((r) => ({ printed: r.stdout.trim().startsWith('{'), stderr: r.stderr }))).toEqual([
      { printed: true, stderr: '' },
      { printed: true, stderr: '' },
    ]);
    const reports = runs.map((r) => ({ code: r.code, ...(JSON.parse(r.stdout) as { accepted: number; rejected: { code: string }[] }) }));
    // One chunk each, committed atomically: one process enrols every household, the other none.
    const [loser, winner] = [...reports].sort((a, b) => a.accepted - b.accepted);
    expect(winner).toEqual({ code: 0, accepted: households, rejected: [] });
    expect(loser.code).toBe(1);
    expect(loser.accepted).toBe(0);
    expect(new Set(loser.rejected.map((x) => x.code))).toEqual(new Set(['HOUSEHOLD_ALREADY_ENROLLED']));
    expect(loser.rejected).toHaveLength(households);
    const events = SqliteEventStore.open(join(temp.dir, 'events.sqlite'));
    try {
      const all = await events.readAll({ maxCount: 10 * households });
      const enrolled = all.filter((e) => e.type === 'RecipientRegistered').map((e) => e.data.kk);
      expect(enrolled).toHaveLength(households);
      expect(new Set(enrolled).size).toBe(households);
    } finally {
      await events.close();
    }
  });

  it('an import next to another process that keeps writing (the API) still prints its report', async () => {
    const lines = 3000;
    const file = join(temp.dir, 'salah-semua.csv');
    writeFileSync(file, [HEADER, ...Array(lines).fill('12345,3510010101200001,X,3510012001,1,1,Jl,PKH,PKH,PUSAT')].join('\n'));
    const api = SqliteEventStore.open(join(temp.dir, 'events.sqlite'));
    let writing = true;
    const traffic = (async () => {
      for (let i = 1; writing && i < 9000; i++) {
        await registerRecipient(api, { person: resident(nikNo(i), kkNo(i)), program: { code: 'PKH', name: 'PKH' }, source: 'PUSAT' }, staff(`api-${i}`));
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();
    try {
      const run = await bansosAsync(['import', 'recipients', file, '--data-dir', temp.dir]);
      expect({ code: run.code, stderr: run.stderr, printed: run.stdout.slice(0, 14) }).toEqual({ code: 1, stderr: '', printed: '{"accepted":0,' });
      expect((JSON.parse(run.stdout) as { rejected: unknown[] }).rejected).toHaveLength(lines);
    } finally {
      writing = false;
      await traffic;
      await api.close();
    }
  });
});

/**
 * Server B of the check benchmark: the same lookup as POST /api/v1/check with no Nest on top.
 * Bare fastify (the version the app runs on), the same validation, the same keyed hashes and
 * the same SqliteReadModelStore.get on the same file, and the same response, so the difference
 * between A and B is the framework (routing, guards, pipes, query bus, filters).
 *   node dist/bench/bare-check-server.js DATA_DIR   -> prints {"port":N} once listening
 */
import { join } from 'node:path';
import Fastify from 'fastify';
import { toWib, validateKk, validateNik, wibDate, type CalendarDate } from '@bansos/domain';
import { loadSecrets } from '@bansos/platform';
import { hmacLookupKeys, SqliteReadModelStore, type LookupDocument } from '@bansos/read-models';
import { loadIdnAreaCatalog } from '@bansos/regions';

type Reply = { status: number; body: unknown };

const NOT_ENROLLED =
  'NIK ini belum tercatat sebagai penerima bansos. Jika Anda merasa layak, silakan ajukan laporan melalui menu Lapor.';

function invalid(code: string, field: string, message: string, errors?: unknown): Reply {
  return { status: 400, body: { error: { code, message, details: errors ? { field, errors } : { field } } } };
}

function enrolled(match: 'person' | 'household', doc: LookupDocument) {
  const whom = match === 'person' ? 'NIK ini' : 'Keluarga (KK) pemilik NIK ini';
  return {
    enrolled: true,
    match,
    name: doc.maskedName,
    program: doc.program,
    source: doc.source,
    enrolledAt: doc.enrolledAt ? toWib(doc.enrolledAt) : null,
    message: `${whom} sudah terdaftar sebagai penerima bansos (${doc.program?.name ?? '-'}, sumber ${doc.source ?? '-'}).`,
  };
}

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: bare-check-server.js DATA_DIR');
  const regions = loadIdnAreaCatalog();
  const keys = hmacLookupKeys(loadSecrets(dataDir, { tokenSecret: null, lookupSecret: null }).lookupSecret);
  const store = SqliteReadModelStore.open(join(dataDir, 'read-models.sqlite'));
  const lookup = async (key: string) => (await store.get('lookup', key))?.doc as LookupDocument | undefined;

  async function check(body: unknown, today: CalendarDate): Promise<Reply> {
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    if (typeof fields.nik !== 'string') return invalid('INVALID_NIK', 'nik', 'NIK wajib diisi (16 digit angka).');
    const nik = validateNik(fields.nik, today, regions);
    if (!nik.valid) return invalid('INVALID_NIK', 'nik', nik.errors.map((e) => e.message).join('; '), nik.errors);
    let kk: string | null = null;
    if (fields.kk !== undefined && fields.kk !== null && fields.kk !== '') {
      if (typeof fields.kk !== 'string') return invalid('INVALID_KK', 'kk', 'Nomor KK wajib diisi (16 digit angka).');
      const parsed = validateKk(fields.kk, regions);
      if (!parsed.valid) return invalid('INVALID_KK', 'kk', parsed.errors.map((e) => e.message).join('; '), parsed.errors);
      kk = parsed.kk;
    }
    const person = await lookup(keys.nik(nik.nik));
    if (person?.enrolled) return { status: 200, body: enrolled('person', person) };
    const householdKeys = new Set([person?.householdKey, kk ? keys.kk(kk) : null].filter((k): k is string => !!k));
    for (const key of householdKeys) {
      const household = await lookup(key);
      if (household?.enrolled) return { status: 200, body: enrolled('household', household) };
    }
    return { status: 200, body: { enrolled: false, message: NOT_ENROLLED } };
  }

  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024, trustProxy: false });
  app.post('/api/v1/check', async (request, reply) => {
    const { status, body } = await check(request.body, wibDate(new Date()));
    return reply.status(status).send(body);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : null })}\n`);
  const stop = async () => {
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

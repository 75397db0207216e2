/**
 * Server A of the check benchmark: the real Nest app (createApp, as `npm start` builds it)
 * over the embedded system on a seeded data directory, with the per-client rate limit off
 * because every request of the load generator comes from one address.
 *   node dist/bench/check-server.js DATA_DIR   -> prints {"port":N} once listening
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { embeddedApi, openEmbeddedSystem } from '@bansos/platform';
import { createApp } from '../apps/api/src/app.factory';

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: check-server.js DATA_DIR');
  const system = await openEmbeddedSystem({
    dataDir,
    onProjectorError: (error) => process.stderr.write(`projector: ${String(error)}\n`),
  });
  const app = await createApp(embeddedApi(system), { checkRateLimitPerMinute: 0, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
  const stop = async () => {
    await app.close();
    await system.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

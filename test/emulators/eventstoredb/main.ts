import { startEventStoreEmulator } from './emulator';

/**
 * The EventStoreDB emulator as a process of its own (tests only): listens on 127.0.0.1,
 * on PORT or a free port, prints `EVENTSTORE_URL=…` once it accepts connections, and
 * stops on SIGTERM or SIGINT. Its events live in memory and end with it.
 */
async function main(): Promise<void> {
  const port = process.env.PORT ? Number(process.env.PORT) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT must be a port number, got ${process.env.PORT}`);
  const emulator = await startEventStoreEmulator({ port });
  process.stdout.write(`EVENTSTORE_URL=${emulator.url}\n`);
  const stop = (): void => {
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`EventStoreDB emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

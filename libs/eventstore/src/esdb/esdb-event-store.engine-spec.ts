import { randomUUID } from 'node:crypto';
import { startEventStoreEmulator, type RunningEmulator } from '../../../../test/emulators/eventstoredb/emulator';
import { NO_STREAM, exactly } from '../event-store';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { newStreamId, someEvents, take } from '../testing/contract-fixtures';
import { EsdbEventStore } from './esdb-event-store';

// Over a real gRPC connection to the EventStoreDB emulator of test/emulators.
describeEventStoreContract('EsdbEventStore on the EventStoreDB emulator', async () => {
  const emulator = await startEventStoreEmulator();
  const store = EsdbEventStore.connect(emulator.url);
  return {
    store,
    dispose: async () => {
      await store.close();
      await emulator.stop();
    },
  };
});

// The same contract against a real server, whenever one is given.
const realServer = process.env.EVENTSTORE_URL;
if (realServer) {
  describeEventStoreContract(`EsdbEventStore on EventStoreDB at ${realServer}`, async () => {
    const store = EsdbEventStore.connect(realServer);
    return { store, dispose: () => store.close() };
  });
}

describe('EsdbEventStore beyond the contract (on the emulator)', () => {
  it('starts empty apart from the server’s own events: head -1n, readAll [], then the first event', async () => {
    await onFreshServer(async (store, emulator) => {
      expect(emulator.log.length).toBeGreaterThan(0); // a fresh node's $settings, users, …
      expect(await store.headPosition()).toBe(-1n);
      expect(await store.readAll()).toEqual([]);
      const streamId = newStreamId();
      const { position } = await store.appendToStream(streamId, someEvents(1), NO_STREAM);
      expect(await store.headPosition()).toBe(position);
      expect((await store.readAll()).map((e) => e.streamId)).toEqual([streamId]);
    });
  });

  it('pages past runs of the server’s own events in readAll, the head position and subscriptions', async () => {
    await onFreshServer(async (store, emulator) => {
      const systemEvents = (count: number) =>
        emulator.log.append('$$contract-meta', { kind: 'any' }, Array.from({ length: count }, () => ({
          id: randomUUID(),
          type: '$metadata',
          contentType: 'application/json',
          data: Buffer.from('{"$maxCount":10}'),
          metadata: new Uint8Array(),
        })));
      const streamId = newStreamId();
      systemEvents(7);
      const first = await store.appendToStream(streamId, someEvents(1), NO_STREAM);
      systemEvents(5);
      const second = await store.appendToStream(streamId, someEvents(1), exactly(0n));
      systemEvents(40); // more than a page of the head's backward read

      expect((await store.readAll({ maxCount: 2 })).map((e) => e.position)).toEqual([first.position, second.position]);
      expect(await store.readAll({ after: first.position, maxCount: 1 })).toHaveLength(1);
      expect(await store.readAll({ after: second.position })).toEqual([]);
      expect(await store.headPosition()).toBe(second.position);
      const subscription = store.subscribeToAll();
      const received = await take(subscription[Symbol.asyncIterator](), 2, [streamId]);
      await subscription.close();
      expect(received.map((e) => e.position)).toEqual([first.position, second.position]);
    });
  });

  it('answers ping() while the server is up and fails it once it is gone', async () => {
    await onFreshServer(async (store, emulator) => {
      await expect(store.ping()).resolves.toBeUndefined();
      await emulator.stop();
      await expect(store.ping()).rejects.toThrow();
    });
  });

  it('refuses an empty append', async () => {
    await onFreshServer(async (store) => {
      await expect(store.appendToStream(newStreamId(), [], NO_STREAM)).rejects.toMatchObject({ code: 'EMPTY_APPEND' });
    });
  });
});

/** A store on an emulator of its own, so a test sees $all from its very start. */
async function onFreshServer(test: (store: EsdbEventStore, emulator: RunningEmulator) => Promise<void>): Promise<void> {
  const emulator = await startEventStoreEmulator();
  const store = EsdbEventStore.connect(emulator.url);
  try {
    await test(store, emulator);
  } finally {
    await store.close();
    await emulator.stop();
  }
}

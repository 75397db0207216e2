import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore } from '@bansos/eventstore';
import { hmacLookupKeys, Projector, SqliteReadModelStore, type ReadModelStore } from '@bansos/read-models';
import { embeddedProjections } from '../embedded-projections';
import { failureOf, type FromProjectorThread, type ProjectorThreadData, type ReadModelWrite, type ToProjectorThread } from './messages';

/**
 * The embedded default's projector, on a thread of its own (see projector-thread.ts): its
 * own connections to both files, the same Projector as every other profile. Its read-model
 * connection is the file's one writer in this process: the main thread's writes (SLA
 * monitor, audit index) come here as messages, so no thread ever queues for the lock.
 */
async function main(port: NonNullable<typeof parentPort>, data: ProjectorThreadData): Promise<void> {
  const send = (message: FromProjectorThread) => port.postMessage(message);
  const events = SqliteEventStore.open(data.eventsFile, { reader: true });
  const readModels = SqliteReadModelStore.open(data.readModelsFile);
  const projector = new Projector(events, readModels, embeddedProjections(hmacLookupKeys(data.lookupSecret)), {
    onApplied: (position) => send({ kind: 'applied', position: position.toString() }),
    onError: (error) => send({ kind: 'failed', ...failureOf(error) }),
  });
  let stopping: Promise<void> | null = null;
  const stop = async () => {
    await projector.stop();
    await events.close();
    await readModels.close();
  };
  port.on('message', (message: ToProjectorThread) => {
    switch (message.kind) {
      case 'events-committed':
        events.noticeCommit();
        return;
      case 'write':
        perform(readModels, message.write).then(
          () => send({ kind: 'written', id: message.id }),
          (error: unknown) => send({ kind: 'write-failed', id: message.id, ...failureOf(error) }),
        );
        return;
      case 'stop':
        stopping ??= stop().then(
          () => send({ kind: 'stopped' }),
          (error: unknown) => send({ kind: 'failed', ...failureOf(error) }),
        );
        // Once stopped, nothing else is expected: let the thread end.
        stopping.finally(() => port.close());
        return;
    }
  });
  try {
    await projector.start();
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  send({ kind: 'started', applied: projector.appliedPosition().toString() });
}

function perform(store: ReadModelStore, write: ReadModelWrite): Promise<void> {
  switch (write.op) {
    case 'commit':
      return store.commit(write.projection, write.writes, write.checkpoint);
    case 'ensureCollections':
      return store.ensureCollections(write.specs);
    case 'reset':
      return store.reset();
  }
}

if (parentPort) {
  const port = parentPort;
  main(port, workerData as ProjectorThreadData).catch((error: unknown) => {
    port.postMessage({ kind: 'failed', ...failureOf(error) } satisfies FromProjectorThread);
    port.close();
  });
}

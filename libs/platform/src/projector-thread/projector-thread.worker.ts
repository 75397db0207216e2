import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore } from '@bansos/eventstore';
import { hmacLookupKeys, Projector, SqliteReadModelStore } from '@bansos/read-models';
import { embeddedProjections } from '../embedded-projections';
import { failure, type FromProjectorThread, type ProjectorThreadData, type ToProjectorThread } from './messages';

/**
 * The embedded default's projector, on a thread of its own (see projector-thread.ts): its
 * own connections to both files, the same Projector as every other profile.
 */
async function main(port: NonNullable<typeof parentPort>, data: ProjectorThreadData): Promise<void> {
  const send = (message: FromProjectorThread) => port.postMessage(message);
  const events = SqliteEventStore.open(data.eventsFile);
  const readModels = SqliteReadModelStore.open(data.readModelsFile);
  const projector = new Projector(events, readModels, embeddedProjections(hmacLookupKeys(data.lookupSecret)), {
    onApplied: (position) => send({ kind: 'applied', position: position.toString() }),
    onError: (error) => send(failure(error)),
  });
  let stopping: Promise<void> | null = null;
  const stop = async () => {
    await projector.stop();
    await events.close();
    await readModels.close();
  };
  port.on('message', (message: ToProjectorThread) => {
    if (message.kind === 'commit') events.noticeCommit();
    if (message.kind === 'stop') {
      stopping ??= stop().then(
        () => send({ kind: 'stopped' }),
        (error: unknown) => send(failure(error)),
      );
      // Once stopped, nothing else is expected: let the thread end.
      stopping.finally(() => port.close());
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

if (parentPort) {
  const port = parentPort;
  main(port, workerData as ProjectorThreadData).catch((error: unknown) => {
    port.postMessage(failure(error));
    port.close();
  });
}

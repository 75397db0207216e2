import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NO_STREAM, SqliteEventStore } from '@bansos/eventstore';
import { SqliteReadModelStore } from '@bansos/read-models';
import { describeStreamConsumerContract } from '../testing/stream-consumer.contract';
import { InProcessStreamConsumer, readModelCheckpoints } from './in-process-consumer';

describeStreamConsumerContract('in-process (SQLite subscribeToAll)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bansos-sla-consumer-'));
  const events = SqliteEventStore.open(join(dir, 'events.sqlite'));
  const readModels = SqliteReadModelStore.open(join(dir, 'read-models.sqlite'));
  const checkpoints = readModelCheckpoints(readModels, 'contract-consumer');
  const consumers: InProcessStreamConsumer[] = [];
  return {
    async append(count) {
      const ids = Array.from({ length: count }, () => randomUUID());
      // Several streams, so "in order" means the store's global order, not one stream's.
      for (let i = 0; i < ids.length; i++) {
        await events.appendToStream(`report-C${i % 3}-${ids[i]}`, [{ id: ids[i], type: 'Marker', data: { i }, metadata: {} }], NO_STREAM);
      }
      return ids;
    },
    consumer() {
      // A small batch size, so a test's history spans several batches.
      const consumer = new InProcessStreamConsumer(events, checkpoints, { batchSize: 4 });
      consumers.push(consumer);
      return consumer;
    },
    async dispose() {
      for (const consumer of consumers) await consumer.stop();
      await events.close();
      await readModels.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

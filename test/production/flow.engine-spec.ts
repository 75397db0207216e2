import { EsdbEventStore } from '@bansos/eventstore';
import { startEventStoreEmulator } from '../emulators/eventstoredb/emulator';
import { requiredEnv } from '../support/engines/engines';
import { describeCekBansosFlow } from '../support/flow';
import { Cluster } from '../support/production/cluster';

/**
 * The embedded default's e2e flow, unchanged, on the production profile: api, projector,
 * relay and sla-monitor as separate processes over the EventStoreDB emulator, FerretDB
 * and a real Kafka broker. The restart stops and starts all four.
 */
describeCekBansosFlow(
  'Cek Bansos over HTTP (production profile)',
  async () => {
    const emulator = await startEventStoreEmulator();
    const cluster = await new Cluster({
      eventStoreUrl: emulator.url,
      mongoUrl: requiredEnv('FERRETDB_URL'),
      kafkaBrokers: requiredEnv('KAFKA_BROKERS'),
    }).start();
    const events = EsdbEventStore.connect(emulator.url);
    return {
      call: (method, path, body, token) => cluster.call(method, path, body, token),
      token: (userId, role) => cluster.token(userId, role),
      restart: () => cluster.restart(),
      headPosition: () => events.headPosition(),
      stop: async () => {
        await cluster.stop();
        await events.close();
        await emulator.stop();
      },
    };
  },
  20_000,
);

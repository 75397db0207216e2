import { RECIPIENT_CSV_COLUMNS } from '@bansos/application';
import { EsdbEventStore } from '@bansos/eventstore';
import { hmacLookupKeys, MongoReadModelStore } from '@bansos/read-models';
import { loadIdnAreaCatalog } from '@bansos/regions';
import { nikAt, indexOfRow, rowFor, villagesByDistrict } from '../../bench/lib/recipients-csv';
import { startEventStoreEmulator, type RunningEmulator } from '../emulators/eventstoredb/emulator';
import { requiredEnv } from '../support/engines/engines';
import { Cluster } from '../support/production/cluster';
import { readTopicIds } from '../support/production/topic-reader';

const RECIPIENTS = 100_000;
const CHUNK = 10_000;

const started = Date.now();
/** Where a long run is, on stderr (jest keeps stdout for its report). */
const note = (what: string) => process.stderr.write(`[crash test +${Math.round((Date.now() - started) / 1000)} s] ${what}\n`);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/**
 * At-least-once, for real: the projector and the relay are killed with SIGKILL in the
 * middle of a 100,000-recipient import and started again. Afterwards the read models and
 * the topic hold every event; what was redone after the crash is harmless.
 */
describe('production profile: kill -9 of projector and relay during a 100,000-recipient import', () => {
  let emulator: RunningEmulator;
  let cluster: Cluster;

  beforeAll(async () => {
    emulator = await startEventStoreEmulator();
    cluster = await new Cluster({
      eventStoreUrl: emulator.url,
      mongoUrl: requiredEnv('FERRETDB_URL'),
      kafkaBrokers: requiredEnv('KAFKA_BROKERS'),
    }).start(['projector', 'relay', 'api']);
  }, 120_000);

  afterAll(async () => {
    await cluster?.stop();
    await emulator?.stop();
  });

  const progress = async (app: 'projector' | 'relay', field: string): Promise<bigint> =>
    BigInt(String((await cluster.process(app).health())[field] ?? '-1'));

  it('ends with every event in the read models and on the topic', async () => {
    const villages = villagesByDistrict(loadIdnAreaCatalog());
    const operator = cluster.token('op-kabupaten', 'operator');
    let accepted = 0;
    const importing = (async () => {
      for (let start = 0; start < RECIPIENTS; start += CHUNK) {
        const rows = [RECIPIENT_CSV_COLUMNS.join(',')];
        for (let r = start; r < start + CHUNK; r++) rows.push(rowFor(r, RECIPIENTS, villages));
        const res = await cluster.call('POST', '/api/v1/recipients/import', rows.join('\n'), operator, 'text/csv');
        if (res.status !== 200) throw new Error(`import answered ${res.status}: ${res.text.slice(0, 300)}`);
        accepted += res.body.accepted as number;
        note(`imported ${accepted} recipients`);
      }
      return accepted;
    })();

    // Mid-import: a third of the recipients are in and both have worked on them; then
    // both die without a chance to commit.
    const before = await progress('projector', 'appliedPosition');
    await until('a third of the import', async () => accepted >= RECIPIENTS / 3, 600_000);
    await until('the projector to apply imported events', async () => (await progress('projector', 'appliedPosition')) > before, 120_000);
    await until('the relay to publish imported events', async () => (await progress('relay', 'publishedPosition')) > before, 120_000);
    await cluster.kill('projector');
    await cluster.kill('relay');
    note('killed projector and relay (SIGKILL)');
    await sleep(2000); // the import goes on meanwhile
    await cluster.startApp('projector');
    await cluster.startApp('relay');

    note('restarted projector and relay');
    expect(await importing).toBe(RECIPIENTS);

    const events = EsdbEventStore.connect(emulator.url);
    const readModels = await MongoReadModelStore.connect(requiredEnv('FERRETDB_URL'), {
      database: cluster.env.MONGO_DATABASE,
    });
    try {
      const head = await events.headPosition();
      await until('the projector to catch up', async () => (await progress('projector', 'appliedPosition')) >= head, 300_000);
      await until('the relay to catch up', async () => (await progress('relay', 'publishedPosition')) >= head, 300_000);

      note('projector and relay caught up');
      // The read models: every recipient can be found by NIK.
      const keys = hmacLookupKeys(cluster.env.LOOKUP_SECRET);
      let found = 0;
      for (let start = 0; start < RECIPIENTS; start += 1000) {
        const ids = [];
        for (let r = start; r < start + 1000; r++) ids.push(keys.nik(nikAt(indexOfRow(r, RECIPIENTS))));
        found += (await readModels.getMany('lookup', ids)).size;
      }
      expect(found).toBe(RECIPIENTS);

      // The topic: every event of the store, keyed by its stream; duplicates allowed.
      const stored = new Set<string>();
      for (let after: bigint | undefined; ; ) {
        const page = await events.readAll({ ...(after === undefined ? {} : { after }), maxCount: 10_000 });
        if (page.length === 0) break;
        for (const e of page) stored.add(e.id);
        after = page[page.length - 1].position;
      }
      const topic = await readTopicIds(cluster.env.KAFKA_BROKERS, cluster.env.KAFKA_EVENTS_TOPIC, stored.size);
      expect(topic.keysMatchStreams).toBe(true);
      expect([...stored].filter((id) => !topic.ids.has(id))).toEqual([]);
      expect(topic.messages).toBeGreaterThanOrEqual(stored.size);
    } finally {
      await events.close();
      await readModels.close();
    }
  }, 900_000);
});

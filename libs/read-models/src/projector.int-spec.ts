import { join } from 'node:path';
import { assessEligibility, fileReport, recordDisbursement, registerRecipient } from '@bansos/application';
import type { Person, Source } from '@bansos/domain';
import { SqliteEventStore, type EventStore } from '@bansos/eventstore';
import {
  citizen,
  kkNo,
  nikNo,
  reportAbout,
  resident,
  staff,
  tempDir,
  ticketNo,
} from '../../../test/support/int-registry';
import { Projector } from './projector';
import { hmacLookupKeys } from './projections/lookup-keys';
import { lookupProjection } from './projections/lookup.projection';
import { reportsProjection } from './projections/reports.projection';
import type { DocumentWrite, ReadModelStore } from './read-model-store';
import { SqliteReadModelStore } from './sqlite/sqlite-read-model-store';

const keys = hmacLookupKeys('a-lookup-secret-of-at-least-32-characters');
const projections = [lookupProjection(keys), reportsProjection];
const PKH = { code: 'PKH', name: 'Program Keluarga Harapan' };
const FATHER = resident(nikNo(1), kkNo(1), 'BUDI SANTOSO', 'Dusun Krajan RT 2');
const SON = resident(nikNo(2), kkNo(1), 'AGUS SANTOSO', 'Dusun Krajan RT 2');
const WIDOW = resident(nikNo(3), kkNo(2), 'SITI AMINAH', 'Jl. Mawar 1');
const FARMER = resident(nikNo(4), kkNo(3), 'SLAMET RIYADI', 'Dusun Sumberagung');
const FISHER = resident(nikNo(5), kkNo(4), 'WAYAN SUDARSA', 'Pantai Pulau Merah');
const EVERYONE = [FATHER, SON, WIDOW, FARMER, FISHER];

const register = (store: EventStore, person: Person, source: Source = 'PUSAT') =>
  registerRecipient(store, { person, program: PKH, source }, staff(`reg-${person.nik}`));

/** Enrolments, an auto-rejected report, and a report taken through assessment and payment. */
async function firstDay(store: EventStore): Promise<bigint> {
  await register(store, FATHER);
  await fileReport(store, reportAbout(SON, ticketNo(1)), citizen('report-son'));
  await fileReport(store, reportAbout(WIDOW, ticketNo(2)), citizen('report-widow'));
  await assessEligibility(
    store,
    { type: 'AssessEligibility', ticket: ticketNo(2), eligible: true, reason: 'Janda', payer: { program: PKH, source: 'KABUPATEN' }, assessedBy: 'tim-01', at: '2026-02-02T04:00:00.000Z' },
    staff('assess-widow', 'assessor'),
  );
  return store.headPosition();
}

async function secondDay(store: EventStore): Promise<bigint> {
  await register(store, FARMER, 'PROVINSI');
  await recordDisbursement(
    store,
    { type: 'RecordDisbursement', ticket: ticketNo(2), amount: 600000, method: 'CASH', reference: 'KW-001', disbursedBy: 'kasir-01', at: '2026-02-03T02:00:00.000Z' },
    staff('pay-widow', 'disburser'),
  );
  return store.headPosition();
}

/** Every document of both collections as text (id, position, JSON body), and the checkpoints. */
async function snapshot(store: ReadModelStore) {
  const documents: string[] = [];
  for (const p of projections) {
    for (const d of await store.scan(p.collection.name)) documents.push(`${p.collection.name}/${d.id}@${d.position}:${JSON.stringify(d.doc)}`);
  }
  const checkpoints = await Promise.all(projections.map(async (p) => `${p.name}@${await store.checkpoint(p.name)}`));
  return { documents, checkpoints };
}

describe('Projector on the embedded stores', () => {
  let temp: ReturnType<typeof tempDir>;
  let events: SqliteEventStore;
  let readModels: SqliteReadModelStore;
  const running: Projector[] = [];
  const open = () => {
    events = SqliteEventStore.open(join(temp.dir, 'events.sqlite'));
    readModels = SqliteReadModelStore.open(join(temp.dir, 'read-models.sqlite'));
  };
  const startProjector = async (on: ReadModelStore = readModels, from: EventStore = events) => {
    const projector = new Projector(from, on, projections);
    running.push(projector);
    await projector.start();
    return projector;
  };
  beforeEach(() => {
    temp = tempDir('projector');
    open();
  });
  afterEach(async () => {
    for (const p of running.splice(0)) await p.stop();
    await events.close();
    await readModels.close();
    temp.remove();
  });

  it('documents appear once the projector has reached the position of an append', async () => {
    const projector = await startProjector();
    const registered = (await register(events, FATHER)) as { ok: true; value: { position: string } };
    const position = BigInt(registered.value.position);
    await projector.waitFor(position);

    const person = await readModels.get('lookup', keys.nik(FATHER.nik));
    expect(person).toEqual({
      id: keys.nik(FATHER.nik),
      position,
      doc: {
        kind: 'person',
        enrolled: true,
        householdKey: keys.kk(FATHER.kk),
        maskedName: 'B***I S*****O',
        program: PKH,
        source: 'PUSAT',
        enrolledAt: '2026-02-02T03:00:00.000Z',
      },
    });
    expect((await readModels.get('lookup', keys.kk(FATHER.kk)))?.doc).toMatchObject({ kind: 'household', enrolled: true });

    await fileReport(events, reportAbout(SON, ticketNo(1)), citizen('report-son'));
    await projector.waitFor(await events.headPosition());
    const report = await readModels.get('reports', ticketNo(1));
    expect(report?.doc).toMatchObject({ status: 'auto_rejected', autoRejection: { match: 'household', source: 'PUSAT' } });
  });

  /** Every write is as old as the stored document it names, so the store must refuse it. */
  const expectAllTurnedAway = async (writes: readonly DocumentWrite[]) => {
    for (const write of writes) {
      const stored = await readModels.get(write.collection, write.id);
      expect(stored && write.position <= stored.position).toBe(true);
    }
  };

  it('the same events applied twice change nothing', async () => {
    const head = await firstDay(events);
    const projector = await startProjector();
    await projector.waitFor(head);
    const before = await snapshot(readModels);
    expect(before.documents.length).toBeGreaterThan(4);

    // The very batch again, through the running projector.
    await projector.apply(await events.readAll());
    expect(await snapshot(readModels)).toEqual(before);

    // A second projector that knows no checkpoint: every document's position turns it away.
    // (A registration replaces its documents whole, so those are sent unread; the store's
    // position guard refuses them, as it would any write no newer than the stored document.)
    const commits = jest.spyOn(readModels, 'commit');
    await new Projector(events, readModels, projections).apply(await events.readAll());
    await expectAllTurnedAway(commits.mock.calls.flatMap(([, writes]) => writes));
    expect((await snapshot(readModels)).documents).toEqual(before.documents);
  });

  it('a projector restarted from a lower checkpoint replays without changing a byte', async () => {
    const head = await firstDay(events);
    const first = await startProjector();
    await first.waitFor(head);
    const before = await snapshot(readModels);
    await first.stop();

    await readModels.commit('lookup', [], 2n); // part-way
    await readModels.commit('reports', [], -1n); // from the first event
    const commits = jest.spyOn(readModels, 'commit');
    const second = await startProjector();
    await second.waitFor(head);

    expect(commits).toHaveBeenCalled();
    await expectAllTurnedAway(commits.mock.calls.flatMap(([, writes]) => writes));
    expect(await snapshot(readModels)).toEqual(before);
  });

  it('after a restart it resumes from its checkpoint and ends where a rebuild from scratch ends', async () => {
    const firstHead = await firstDay(events);
    const first = await startProjector();
    await first.waitFor(firstHead);
    await first.stop();
    await events.close();
    await readModels.close();

    open(); // new connections to the same files
    const head = await secondDay(events);
    expect(await readModels.checkpoint('lookup')).toBe(firstHead);
    const subscribe = jest.spyOn(events, 'subscribeToAll');
    const resumed = await startProjector();
    expect(subscribe).toHaveBeenCalledWith({ after: firstHead });
    await resumed.waitFor(head);

    const fresh = SqliteReadModelStore.open(join(temp.dir, 'rebuild', 'read-models.sqlite'));
    try {
      const rebuild = await startProjector(fresh);
      await rebuild.waitFor(head);
      const resumedState = await snapshot(readModels);
      expect(resumedState).toEqual(await snapshot(fresh));
      expect(resumedState.checkpoints).toEqual([`lookup@${head}`, `reports@${head}`]);
      expect((await readModels.get('reports', ticketNo(2)))?.doc).toMatchObject({ status: 'disbursed' });
      expect((await readModels.get('lookup', keys.nik(FARMER.nik)))?.doc).toMatchObject({ source: 'PROVINSI' });
    } finally {
      await running.pop()?.stop();
      await fresh.close();
    }
  });

  it('live events arrive after the catch-up', async () => {
    const head = await firstDay(events);
    const projector = await startProjector();
    await projector.waitFor(head);
    expect(await readModels.get('lookup', keys.nik(FISHER.nik))).toBeNull();

    const live = (await register(events, FISHER, 'KABUPATEN')) as { ok: true; value: { position: string } };
    expect(BigInt(live.value.position)).toBeGreaterThan(head);
    await projector.waitFor(BigInt(live.value.position));
    expect((await readModels.get('lookup', keys.nik(FISHER.nik)))?.doc).toMatchObject({ enrolled: true, source: 'KABUPATEN' });
  });

  it('live events appended through another connection (another process) arrive too', async () => {
    const projector = await startProjector();
    const writer = SqliteEventStore.open(join(temp.dir, 'events.sqlite'));
    try {
      const live = (await register(writer, FISHER)) as { ok: true; value: { position: string } };
      await projector.waitFor(BigInt(live.value.position));
      expect((await readModels.get('lookup', keys.kk(FISHER.kk)))?.doc).toMatchObject({ enrolled: true });
    } finally {
      await writer.close();
    }
  });

  it('the lookup never holds a NIK, a KK, a name or an address in clear', async () => {
    await firstDay(events);
    await secondDay(events);
    await register(events, FISHER);
    const head = await events.headPosition();
    const projector = await startProjector();
    await projector.waitFor(head);

    const lookup = (await readModels.scan('lookup')).map((d) => JSON.stringify({ id: d.id, doc: d.doc }));
    // Father, widow, farmer, fisher and their four households; the son was only reported.
    expect(lookup).toHaveLength(4 + 4);
    const secrets = EVERYONE.flatMap((p) => [p.nik, p.kk, p.fullName, p.address.street, p.address.villageCode]);
    for (const text of lookup) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });
});

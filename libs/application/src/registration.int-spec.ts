import { join } from 'node:path';
import {
  decideEnrolment,
  householdStream,
  initialHouseholdState,
  initialNikLinkState,
  nikStream,
  type CommandContext,
  type Person,
} from '@bansos/domain';
import { NO_STREAM, SqliteEventStore, type EventStore } from '@bansos/eventstore';
import {
  countingConflicts,
  freshEventStore,
  kkNo,
  nikNo,
  ofType,
  resident,
  sourceNo,
  staff,
  tempDir,
} from '../../../test/support/int-registry';
import { bulkRegistrar, registerMany } from './bulk-registration';
import { toStreamAppends } from './command-runner';
import { registerRecipient, type RegisterRecipient } from './registration';

const PKH = { code: 'PKH', name: 'Program Keluarga Harapan' };
const N = 50;

const enrol = (person: Person, i = 0): RegisterRecipient => ({ person, program: PKH, source: sourceNo(i) });
const codes = (outcomes: readonly { ok: boolean; error?: { code: string } }[]) =>
  outcomes.filter((o) => !o.ok).map((o) => o.error?.code);

describe('registration on the embedded event store, under concurrent requests', () => {
  let temp: ReturnType<typeof tempDir>;
  let file: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    temp = tempDir('registration');
    file = join(temp.dir, 'events.sqlite');
    store = SqliteEventStore.open(file);
  });
  afterEach(async () => {
    await store.close();
    temp.remove();
  });

  /** Fifty operators register fifty members of one family card at once, each for another source. */
  const raceForOneHousehold = (stores: readonly EventStore[]) =>
    Promise.all(
      Array.from({ length: N }, (_, i) =>
        registerRecipient(stores[i % stores.length], enrol(resident(nikNo(i + 1), kkNo(1)), i), staff(`reg-${i}`)),
      ),
    );

  it('one household, 50 members from PUSAT, PROVINSI and KABUPATEN at once: exactly one source wins', async () => {
    const counted = countingConflicts(store);
    const outcomes = await raceForOneHousehold([counted.store]);

    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(codes(outcomes)).toEqual(Array(N - 1).fill('HOUSEHOLD_ALREADY_ENROLLED'));
    expect(counted.conflicts()).toBeGreaterThan(0); // the writers really raced
    const household = await store.readStream(householdStream(kkNo(1)));
    expect(ofType(household, 'RecipientRegistered')).toHaveLength(1);
    expect(household).toHaveLength(1);
  });

  it('the winner is the only member whose NIK is linked to the household', async () => {
    const outcomes = await raceForOneHousehold([store]);
    const winner = outcomes.findIndex((o) => o.ok);
    const [registered] = await store.readStream(householdStream(kkNo(1)));
    expect(registered.data).toMatchObject({ nik: nikNo(winner + 1), source: sourceNo(winner) });
    const links = await store.readStreams(Array.from({ length: N }, (_, i) => nikStream(nikNo(i + 1))));
    const linked = [...links].filter(([, events]) => events.length > 0).map(([id]) => id);
    expect(linked).toEqual([nikStream(nikNo(winner + 1))]);
  });

  it('one NIK under 50 family cards at once: one household per NIK', async () => {
    const counted = countingConflicts(store);
    const outcomes = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        registerRecipient(counted.store, enrol(resident(nikNo(7), kkNo(i + 1)), i), staff(`reg-${i}`)),
      ),
    );

    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(codes(outcomes)).toEqual(Array(N - 1).fill('NIK_IN_OTHER_HOUSEHOLD'));
    expect(counted.conflicts()).toBeGreaterThan(0);
    const nik = await store.readStream(nikStream(nikNo(7)));
    expect(ofType(nik, 'NikLinkedToHousehold')).toHaveLength(1);
    expect(nik).toHaveLength(1);
    const winner = outcomes.findIndex((o) => o.ok);
    expect(nik[0].data).toMatchObject({ nik: nikNo(7), kk: kkNo(winner + 1) });
    const households = await store.readStreams(Array.from({ length: N }, (_, i) => householdStream(kkNo(i + 1))));
    expect([...households.values()].flat()).toHaveLength(1); // the losers enrolled no household either
  });

  it('holds across two connections to one file: the store decides, not one event loop', async () => {
    const other = SqliteEventStore.open(file);
    try {
      const first = countingConflicts(store);
      const second = countingConflicts(other);
      const outcomes = await raceForOneHousehold([first.store, second.store]);

      expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
      expect(codes(outcomes)).toEqual(Array(N - 1).fill('HOUSEHOLD_ALREADY_ENROLLED'));
      expect(first.conflicts() + second.conflicts()).toBeGreaterThan(0);
      // Both connections read the same single enrolment back.
      for (const s of [store, other]) {
        expect(ofType(await s.readStream(householdStream(kkNo(1))), 'RecipientRegistered')).toHaveLength(1);
      }
    } finally {
      await other.close();
    }
  });

  it('holds across two connections for one NIK under many family cards', async () => {
    const other = SqliteEventStore.open(file);
    try {
      const stores = [store, other];
      const outcomes = await Promise.all(
        Array.from({ length: N }, (_, i) =>
          registerRecipient(stores[i % 2], enrol(resident(nikNo(7), kkNo(i + 1)), i), staff(`reg-${i}`)),
        ),
      );
      expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
      expect(codes(outcomes)).toEqual(Array(N - 1).fill('NIK_IN_OTHER_HOUSEHOLD'));
      expect(await other.readStream(nikStream(nikNo(7)))).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});

describe('registerMany on the embedded event store', () => {
  const fresh = freshEventStore('register-many');

  const item = (person: Person, i: number) => ({ command: enrol(person, i), ctx: staff(`line-${i}`) });

  it('judges duplicates within one chunk in order: the first line wins, later ones are refused', async () => {
    const father = resident(nikNo(1), kkNo(1));
    const outcomes = await registerMany(fresh.store(), [
      item(father, 0),
      item(resident(nikNo(2), kkNo(1), 'AGUS SANTOSO'), 1), // same household, other source
      item(resident(nikNo(1), kkNo(2)), 2), // same NIK under another family card
      item(father, 3), // the very same person again
      item(resident(nikNo(3), kkNo(3), 'SITI AMINAH'), 4),
    ]);

    expect(outcomes).toEqual([
      { ok: true },
      { ok: false, error: expect.objectContaining({ code: 'HOUSEHOLD_ALREADY_ENROLLED' }) },
      { ok: false, error: expect.objectContaining({ code: 'NIK_IN_OTHER_HOUSEHOLD' }) },
      { ok: false, error: expect.objectContaining({ code: 'NIK_ALREADY_ENROLLED' }) },
      { ok: true },
    ]);
    const household = await fresh.store().readStream(householdStream(kkNo(1)));
    expect(household.map((e) => [e.type, e.data.nik, e.data.source])).toEqual([['RecipientRegistered', nikNo(1), 'PUSAT']]);
    expect((await fresh.store().readStream(nikStream(nikNo(1)))).map((e) => e.data.kk)).toEqual([kkNo(1)]);
  });

  it('a refused line writes nothing: no NIK link, no household, in any stream', async () => {
    await registerMany(fresh.store(), [
      item(resident(nikNo(1), kkNo(1)), 0),
      item(resident(nikNo(2), kkNo(1), 'AGUS SANTOSO'), 1),
      item(resident(nikNo(1), kkNo(2)), 2),
    ]);

    expect(await fresh.store().readStream(nikStream(nikNo(2)))).toEqual([]); // refused for its household: not even linked
    expect(await fresh.store().readStream(householdStream(kkNo(2)))).toEqual([]);
    const all = await fresh.store().readAll();
    expect(all.map((e) => [e.streamId, e.type])).toEqual([
      [nikStream(nikNo(1)), 'NikLinkedToHousehold'],
      [householdStream(kkNo(1)), 'RecipientRegistered'],
    ]);
  });

  it('judges a chunk against what earlier chunks and single registrations stored', async () => {
    await registerRecipient(fresh.store(), enrol(resident(nikNo(1), kkNo(1)), 1), staff('single'));
    const outcomes = await registerMany(fresh.store(), [
      item(resident(nikNo(2), kkNo(1), 'AGUS SANTOSO'), 0),
      item(resident(nikNo(3), kkNo(3), 'SITI AMINAH'), 1),
    ]);
    expect(codes(outcomes)).toEqual(['HOUSEHOLD_ALREADY_ENROLLED']);
    expect(ofType(await fresh.store().readStream(householdStream(kkNo(1))), 'RecipientRegistered')).toHaveLength(1);
    expect(await fresh.store().readStream(householdStream(kkNo(3)))).toHaveLength(1);
  });

  it('two chunks racing over one household: one line in all wins', async () => {
    const chunk = (offset: number) =>
      Array.from({ length: 10 }, (_, i) => ({
        command: enrol(resident(nikNo(offset + i + 1), kkNo(1)), offset + i),
        ctx: staff(`chunk-${offset}-${i}`),
      }));
    const [a, b] = await Promise.all([registerMany(fresh.store(), chunk(0)), registerMany(fresh.store(), chunk(10))]);
    expect([...a, ...b].filter((o) => o.ok)).toHaveLength(1);
    expect(ofType(await fresh.store().readStream(householdStream(kkNo(1))), 'RecipientRegistered')).toHaveLength(1);
  });

  describe('bulkRegistrar (an import: streams assumed new until the store says otherwise)', () => {
    const counted = (inner: SqliteEventStore) => {
      const reads = { count: 0 };
      const wrapped: EventStore = Object.assign(Object.create(inner) as EventStore, {
        readStreams: (ids: readonly string[]) => {
          reads.count++;
          return inner.readStreams(ids);
        },
      });
      return { wrapped, reads };
    };

    it('decides a chunk of new people without reading a stream', async () => {
      const { wrapped, reads } = counted(fresh.store());
      const outcomes = await bulkRegistrar(wrapped)([item(resident(nikNo(1), kkNo(1)), 0), item(resident(nikNo(2), kkNo(2)), 1)]);
      expect(outcomes).toEqual([{ ok: true }, { ok: true }]);
      expect(reads.count).toBe(0);
      expect(await fresh.store().readStream(householdStream(kkNo(2)))).toHaveLength(1);
    });

    it('still refuses what is stored: the chunk is judged again on what it read, and later chunks read first', async () => {
      await registerRecipient(fresh.store(), enrol(resident(nikNo(1), kkNo(1)), 0), staff('single'));
      const { wrapped, reads } = counted(fresh.store());
      const register = bulkRegistrar(wrapped);

      const first = await register([
        item(resident(nikNo(3), kkNo(3), 'SITI AMINAH'), 1),
        item(resident(nikNo(2), kkNo(1), 'AGUS SANTOSO'), 2), // household enrolled before the import
        item(resident(nikNo(1), kkNo(4)), 3), // NIK linked before the import
      ]);
      expect(codes(first)).toEqual(['HOUSEHOLD_ALREADY_ENROLLED', 'NIK_IN_OTHER_HOUSEHOLD']);
      expect(reads.count).toBe(1);
      expect(await fresh.store().readStream(nikStream(nikNo(2)))).toEqual([]); // the refused line wrote nothing
      expect(await fresh.store().readStream(householdStream(kkNo(4)))).toEqual([]);
      expect(ofType(await fresh.store().readStream(householdStream(kkNo(3))), 'RecipientRegistered')).toHaveLength(1);

      const second = await register([item(resident(nikNo(5), kkNo(5)), 4)]);
      expect(second).toEqual([{ ok: true }]);
      expect(reads.count).toBe(2);
    });

    it('two imports on two connections racing over one household: one line in all wins', async () => {
      const other = SqliteEventStore.open(fresh.file());
      try {
        const chunk = (offset: number) =>
          Array.from({ length: 10 }, (_, i) => item(resident(nikNo(offset + i + 1), kkNo(1)), offset + i));
        const [a, b] = await Promise.all([bulkRegistrar(fresh.store())(chunk(0)), bulkRegistrar(other)(chunk(10))]);
        expect([...a, ...b].filter((o) => o.ok)).toHaveLength(1);
        expect(ofType(await fresh.store().readStream(householdStream(kkNo(1))), 'RecipientRegistered')).toHaveLength(1);
      } finally {
        await other.close();
      }
    });
  });
});

/**
 * EventStoreDB appends the two streams of a registration separately, so a failed attempt
 * may leave the household's event stored and the NIK's not. The retry carries the same
 * command (same ids) and must complete it, not refuse the line as already enrolled.
 */
describe('a registration whose earlier attempt kept only the household part', () => {
  const fresh = freshEventStore('half-done');

  const father = resident(nikNo(1), kkNo(1));
  const command = enrol(father);

  /** Stores what the first attempt of (command, ctx) would write to the household, and nothing else. */
  const keepHouseholdOnly = async (ctx: CommandContext) => {
    const decision = decideEnrolment({ ...command, via: { kind: 'registration' }, at: ctx.at }, initialNikLinkState, initialHouseholdState);
    if (!decision.ok) throw new Error(decision.error.code);
    const householdId = householdStream(father.kk);
    await fresh.store().appendBatch(toStreamAppends([{ streamId: householdId, expected: NO_STREAM, events: decision.household }], ctx));
  };

  const expectWholeOnce = async () => {
    expect(ofType(await fresh.store().readStream(nikStream(father.nik)), 'NikLinkedToHousehold')).toHaveLength(1);
    expect(ofType(await fresh.store().readStream(householdStream(father.kk)), 'RecipientRegistered')).toHaveLength(1);
  };

  it('registerRecipient with the same command completes the NIK link', async () => {
    const ctx = staff('reg-1');
    await keepHouseholdOnly(ctx);
    expect(await registerRecipient(fresh.store(), command, ctx)).toMatchObject({ ok: true });
    await expectWholeOnce();
    // And once whole, the same command again changes nothing.
    expect(await registerRecipient(fresh.store(), command, ctx)).toMatchObject({ ok: true });
    await expectWholeOnce();
  });

  it('an import chunk retried with the same lines reports the line accepted', async () => {
    const ctx = staff('line-2');
    await keepHouseholdOnly(ctx);
    expect(await registerMany(fresh.store(), [{ command, ctx }])).toEqual([{ ok: true }]);
    await expectWholeOnce();
  });

  it('another command for that household is still refused', async () => {
    await keepHouseholdOnly(staff('reg-1'));
    const outcome = await registerRecipient(fresh.store(), enrol(resident(nikNo(2), kkNo(1)), 1), staff('reg-2'));
    expect(outcome).toMatchObject({ ok: false, error: { code: 'HOUSEHOLD_ALREADY_ENROLLED' } });
    expect(await fresh.store().readStream(nikStream(nikNo(2)))).toEqual([]);
  });
});

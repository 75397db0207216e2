import { join } from 'node:path';
import { EVENT_REGISTRY, extendRegistry, householdStream, maskName, nikStream, type Upcaster } from '@bansos/domain';
import { NO_STREAM, SqliteEventStore, type EventToAppend } from '@bansos/eventstore';
import { hmacLookupKeys, lookupProjection, SqliteReadModelStore } from '@bansos/read-models';
import { kkNo, nikNo, tempDir } from '../../../../test/support/int-registry';
import { fromProjection } from './replayable';
import { rebuild } from './rebuild';

/**
 * A shape change of RecipientRegistered, as it would happen: the first release wrote
 * version 1 (a flat program, `name`, no `via`); the shape then changed to version 2
 * (today's: `fullName`, a program object, `via`). Stored events are never rewritten, so
 * the log holds both, and the read model must come out the same for either.
 */
const V1 = {
  nik: nikNo(1),
  kk: kkNo(1),
  name: 'BUDI SANTOSO',
  address: { villageCode: '3510012001', rt: '002', rw: '001', street: 'Jl. Raya Pesanggaran 12' },
  programCode: 'PKH',
  programName: 'Program Keluarga Harapan',
  source: 'PUSAT',
  registeredAt: '2025-06-01T02:00:00.000Z',
};
const V2 = {
  nik: nikNo(2),
  kk: kkNo(2),
  fullName: 'SITI AMINAH',
  address: { villageCode: '3510012001', rt: '003', rw: '001', street: 'Jl. Mawar 1' },
  program: { code: 'PKH', name: 'Program Keluarga Harapan' },
  source: 'PUSAT',
  via: { kind: 'registration' },
  registeredAt: '2026-02-01T02:00:00.000Z',
};

/** The upcaster registered with the change: v1 data in, v2 data out, nothing else touched. */
const recipientRegisteredV1toV2: Upcaster = ({ name, programCode, programName, ...rest }) => ({
  ...rest,
  fullName: name,
  program: { code: programCode, name: programName },
  via: { kind: 'registration' },
});
const V2_REGISTRY = extendRegistry(EVENT_REGISTRY, {
  versions: { RecipientRegistered: 2 },
  upcasters: { 'RecipientRegistered@1': recipientRegisteredV1toV2 },
});

function stored(id: string, type: string, data: Record<string, unknown>, schemaVersion: number): EventToAppend {
  const metadata = {
    eventId: id,
    schemaVersion,
    occurredAt: String(data.registeredAt ?? data.linkedAt),
    actor: { kind: 'staff', userId: 'op-desa-01', role: 'operator' },
    correlationId: id,
    causationId: null,
  };
  return { id, type, data, metadata };
}

describe('replaying events of two schema versions into one read model', () => {
  const keys = hmacLookupKeys('rahasia-uji-bukan-produksi');
  const lookup = [fromProjection(lookupProjection(keys))];
  let temp: ReturnType<typeof tempDir>;
  let events: SqliteEventStore;
  let target: SqliteReadModelStore;

  beforeEach(async () => {
    temp = tempDir('upcast');
    events = SqliteEventStore.open(join(temp.dir, 'events.sqlite'));
    target = SqliteReadModelStore.open(join(temp.dir, 'rebuilt.sqlite'));
    // Written by the first release, at version 1.
    await events.appendToStream(nikStream(V1.nik), [stored('11111111-0000-4000-8000-000000000001', 'NikLinkedToHousehold', { nik: V1.nik, kk: V1.kk, linkedAt: V1.registeredAt }, 1)], NO_STREAM);
    await events.appendToStream(householdStream(V1.kk), [stored('11111111-0000-4000-8000-000000000002', 'RecipientRegistered', V1, 1)], NO_STREAM);
    // Written after the change, at version 2.
    await events.appendToStream(nikStream(V2.nik), [stored('22222222-0000-4000-8000-000000000001', 'NikLinkedToHousehold', { nik: V2.nik, kk: V2.kk, linkedAt: V2.registeredAt }, 1)], NO_STREAM);
    await events.appendToStream(householdStream(V2.kk), [stored('22222222-0000-4000-8000-000000000002', 'RecipientRegistered', V2, 2)], NO_STREAM);
  });
  afterEach(async () => {
    await Promise.all([events.close(), target.close()]);
    temp.remove();
  });

  const person = async (nik: string) => (await target.get('lookup', keys.nik(nik)))?.doc;

  it('reads the v1 event through the upcaster and the v2 event as it is: the same documents for both', async () => {
    await rebuild(events, target, lookup, { upTo: await events.headPosition(), registry: V2_REGISTRY });
    const enrolled = (fullName: string, kk: string, registeredAt: string) => ({
      kind: 'person',
      enrolled: true,
      householdKey: keys.kk(kk),
      maskedName: maskName(fullName),
      program: { code: 'PKH', name: 'Program Keluarga Harapan' },
      source: 'PUSAT',
      enrolledAt: registeredAt,
    });
    expect(await person(V1.nik)).toEqual(enrolled('BUDI SANTOSO', V1.kk, V1.registeredAt));
    expect(await person(V2.nik)).toEqual(enrolled('SITI AMINAH', V2.kk, V2.registeredAt));
    expect((await target.get('lookup', keys.kk(V1.kk)))?.doc).toMatchObject({ kind: 'household', enrolled: true, maskedName: 'B***I S*****O' });
  });

  it('keeps the stored v1 event as it was written: upcasting happens on read only', async () => {
    await rebuild(events, target, lookup, { upTo: await events.headPosition(), registry: V2_REGISTRY });
    const [v1] = await events.readStream(householdStream(V1.kk));
    expect(v1.data).toEqual(V1);
    expect(v1.metadata.schemaVersion).toBe(1);
  });

  it('refuses to guess: without the upcaster the v1 event cannot be read, and code of v1 cannot read v2', async () => {
    const noUpcaster = extendRegistry(EVENT_REGISTRY, { versions: { RecipientRegistered: 2 } });
    await expect(rebuild(events, target, lookup, { upTo: await events.headPosition(), registry: noUpcaster })).rejects.toThrow(
      'no upcaster for RecipientRegistered from version 1',
    );
    await expect(rebuild(events, target, lookup, { upTo: await events.headPosition() })).rejects.toThrow(
      'RecipientRegistered version 2 is newer than this code reads (1)',
    );
  });
});

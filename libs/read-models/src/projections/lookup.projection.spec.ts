import { maskName, type Person, type Program, type Source } from '@bansos/domain';
import { BLT_DD, FATHER, KK_SANTOSO, MOTHER, oneOfEach, PKH, SON, stored } from '../testing/stored-events';
import { hmacLookupKeys } from './lookup-keys';
import { lookupProjection, type LookupDocument } from './lookup.projection';
import type { ProjectedEvent } from './projection';

const keys = hmacLookupKeys('rahasia-uji-bukan-produksi');
const lookup = lookupProjection(keys);
const FATHER_KEY = keys.nik(FATHER.nik);
const SON_KEY = keys.nik(SON.nik);
const HOUSEHOLD_KEY = keys.kk(KK_SANTOSO);

let position = 0;
const linked = (p: Person) =>
  stored(
    { type: 'NikLinkedToHousehold', data: { nik: p.nik, kk: p.kk, linkedAt: '2026-01-05T02:00:00.000Z' } },
    ++position,
  );
const registered = (p: Person, program: Program = PKH, source: Source = 'PUSAT', at = '2026-01-05T02:00:00.000Z') =>
  stored(
    {
      type: 'RecipientRegistered',
      data: { ...p, program, source, via: { kind: 'registration' }, registeredAt: at },
    },
    ++position,
  );
const withdrawn = (p: Person) =>
  stored(
    {
      type: 'RecipientWithdrawn',
      data: { nik: p.nik, kk: p.kk, reason: 'Pindah domisili', withdrawnAt: '2026-03-01T01:00:00.000Z' },
    },
    ++position,
  );
const apply = (id: string, events: ProjectedEvent[], from: LookupDocument | null = null) =>
  events.reduce<LookupDocument | null>((doc, event) => lookup.evolve(doc, event, id), from);

const NOT_ENROLLED = { enrolled: false, maskedName: null, program: null, source: null, enrolledAt: null };

describe('lookup projection: keys', () => {
  it('a registration or withdrawal touches the person and the household', () => {
    expect(lookup.keysOf(registered(FATHER))).toEqual([FATHER_KEY, HOUSEHOLD_KEY]);
    expect(lookup.keysOf(withdrawn(FATHER))).toEqual([FATHER_KEY, HOUSEHOLD_KEY]);
  });

  it('a NIK link touches the person only', () => {
    expect(lookup.keysOf(linked(SON))).toEqual([SON_KEY]);
  });

  it('report and case events touch nothing', () => {
    const others = oneOfEach().slice(3);
    expect(others.map((e) => e.type)).toEqual([
      'ReportFiled',
      'ReportAutoRejected',
      'EligibilityAssessed',
      'AidDisbursed',
      'CaseOpened',
    ]);
    for (const event of others) expect(lookup.keysOf(event)).toEqual([]);
  });

  it('keys are keyed hashes: stable, prefixed by kind, without the number, secret-dependent', () => {
    expect(FATHER_KEY).toMatch(/^nik:[A-Za-z0-9_-]{32}$/u);
    expect(HOUSEHOLD_KEY).toMatch(/^kk:[A-Za-z0-9_-]{32}$/u);
    expect(keys.nik(FATHER.nik)).toBe(FATHER_KEY);
    expect(FATHER_KEY).not.toContain(FATHER.nik);
    expect(hmacLookupKeys('another-secret').nik(FATHER.nik)).not.toBe(FATHER_KEY);
    // The same 16 digits as a NIK and as a KK give unrelated keys.
    expect(keys.kk(FATHER.nik).slice(3)).not.toBe(FATHER_KEY.slice(4));
  });
});

describe('lookup projection: evolve', () => {
  it('a registration enrols the person, with the masked name and their household key', () => {
    expect(apply(FATHER_KEY, [registered(FATHER)])).toEqual({
      kind: 'person',
      enrolled: true,
      householdKey: HOUSEHOLD_KEY,
      maskedName: maskName('BUDI SANTOSO'),
      program: PKH,
      source: 'PUSAT',
      enrolledAt: '2026-01-05T02:00:00.000Z',
    });
  });

  it('a registration enrols the household', () => {
    expect(apply(HOUSEHOLD_KEY, [registered(MOTHER, BLT_DD, 'KABUPATEN')])).toEqual({
      kind: 'household',
      enrolled: true,
      householdKey: null,
      maskedName: 'K*****I R****U',
      program: BLT_DD,
      source: 'KABUPATEN',
      enrolledAt: '2026-01-05T02:00:00.000Z',
    });
  });

  it('a NIK link records the household of a person not enrolled themself, so the check can fall back', () => {
    expect(apply(SON_KEY, [linked(SON)])).toEqual({ kind: 'person', householdKey: HOUSEHOLD_KEY, ...NOT_ENROLLED });
  });

  it('a link then a registration keeps one person document', () => {
    expect(apply(FATHER_KEY, [linked(FATHER), registered(FATHER)])).toEqual(apply(FATHER_KEY, [registered(FATHER)]));
  });

  it('a withdrawal un-enrols the person but keeps their household', () => {
    expect(apply(FATHER_KEY, [linked(FATHER), registered(FATHER), withdrawn(FATHER)])).toEqual({
      kind: 'person',
      householdKey: HOUSEHOLD_KEY,
      ...NOT_ENROLLED,
    });
  });

  it('a withdrawal un-enrols the household, and another member may enrol it again', () => {
    const freed = apply(HOUSEHOLD_KEY, [registered(FATHER), withdrawn(FATHER)]);
    expect(freed).toEqual({ kind: 'household', householdKey: null, ...NOT_ENROLLED });
    const reEnrolment = registered(MOTHER, PKH, 'PROVINSI', '2026-03-02T00:00:00.000Z');
    expect(apply(HOUSEHOLD_KEY, [reEnrolment], freed)).toMatchObject({
      enrolled: true,
      maskedName: 'K*****I R****U',
      source: 'PROVINSI',
      enrolledAt: '2026-03-02T00:00:00.000Z',
    });
  });

  it('report and case events leave a document as it is, and create none', () => {
    const doc = apply(FATHER_KEY, [registered(FATHER)]);
    for (const event of oneOfEach().slice(3)) {
      expect(lookup.evolve(doc, event, FATHER_KEY)).toBe(doc);
      expect(lookup.evolve(null, event, FATHER_KEY)).toBeNull();
    }
  });
});

describe('lookup projection: personal data (UU 27/2022)', () => {
  const secrets = [
    ...[FATHER, MOTHER, SON].flatMap((p) => [p.nik, p.fullName, ...p.fullName.split(' ')]),
    KK_SANTOSO,
    FATHER.address.villageCode,
    FATHER.address.street,
    JSON.stringify(FATHER.address),
  ];

  it('no document ever holds a NIK, a KK, an address or a name in clear', () => {
    const histories: Array<[string, ProjectedEvent[]]> = [
      [FATHER_KEY, [linked(FATHER), registered(FATHER), withdrawn(FATHER)]],
      [SON_KEY, [linked(SON)]],
      [HOUSEHOLD_KEY, [registered(FATHER), withdrawn(FATHER), registered(MOTHER)]],
    ];
    for (const [id, events] of histories) {
      for (let n = 1; n <= events.length; n++) {
        const serialised = JSON.stringify(apply(id, events.slice(0, n)));
        expect(serialised).toContain('enrolled');
        for (const secret of secrets) expect(serialised).not.toContain(secret);
      }
    }
  });
});

describe('lookup projection: the same event applied twice changes nothing', () => {
  // Every event is idempotent by itself here: each one sets fields from its own data, none
  // counts or appends. So evolve(evolve(doc, e), e) equals evolve(doc, e), from any document.
  const start: Array<[string, string, LookupDocument | null]> = [
    ['no document', FATHER_KEY, null],
    ['an enrolled person', FATHER_KEY, apply(FATHER_KEY, [registered(FATHER)])],
    ['a linked person', SON_KEY, apply(SON_KEY, [linked(SON)])],
    ['an enrolled household', HOUSEHOLD_KEY, apply(HOUSEHOLD_KEY, [registered(FATHER)])],
  ];
  const cases = start.flatMap(([label, id, doc]) => oneOfEach().map((e) => [e.type, label, id, doc, e] as const));

  it.each(cases)('%s on %s', (_type, _label, id, doc, event) => {
    const once = lookup.evolve(doc, event, id);
    expect(lookup.evolve(once, event, id)).toEqual(once);
  });

  it('but an older event replayed after a newer one is not harmless: the projector skips it by position', () => {
    const registration = registered(FATHER);
    const afterWithdrawal = apply(FATHER_KEY, [registration, withdrawn(FATHER)]);
    expect(lookup.evolve(afterWithdrawal, registration, FATHER_KEY)).toMatchObject({ enrolled: true });
  });
});

describe('lookup projection: which events replace a document whole', () => {
  it('a registration does: both documents come out the same whatever was stored before', () => {
    const event = registered(FATHER, BLT_DD, 'KABUPATEN');
    const priors: (LookupDocument | null)[] = [
      null,
      apply(FATHER_KEY, [linked(FATHER)]),
      apply(FATHER_KEY, [registered(FATHER), withdrawn(FATHER)]),
      apply(HOUSEHOLD_KEY, [registered(MOTHER)]),
    ];
    expect(lookup.replaces?.(event, FATHER_KEY)).toBe(true);
    for (const id of [FATHER_KEY, HOUSEHOLD_KEY]) {
      const fresh = lookup.evolve(null, event, id);
      for (const prior of priors) expect(lookup.evolve(prior, event, id)).toEqual(fresh);
    }
  });

  it('a NIK link and a withdrawal do not: they keep fields of the stored document', () => {
    expect(lookup.replaces?.(linked(SON), SON_KEY)).toBe(false);
    expect(lookup.replaces?.(withdrawn(FATHER), FATHER_KEY)).toBe(false);
    const enrolled = apply(FATHER_KEY, [registered(FATHER)]);
    expect(lookup.evolve(enrolled, linked(FATHER), FATHER_KEY)).not.toEqual(lookup.evolve(null, linked(FATHER), FATHER_KEY));
  });
});

import { accept, type Decision } from '../shared/result';
import { deciderSpec, foldEvents, type WithFakeMetadata } from '../testing/decider-spec';
import {
  BLT_DD,
  byAssessment,
  enrol,
  FATHER,
  KK_NEIGHBOUR,
  KK_SANTOSO,
  MOTHER,
  NEIGHBOUR,
  PKH,
  registered,
  SON,
  withdrawn,
  type EnrolmentOptions,
} from '../testing/fixtures';
import { decideEnrolment, findEnrolment, type Enrolment } from './enrolment';
import { evolveHousehold, initialHouseholdState, type HouseholdState } from './household.decider';
import { evolveNikLink, initialNikLinkState, type NikLinkState } from './nik-link.decider';
import type { HouseholdEvent, NikEvent, NikLinkedToHousehold } from './registry.events';
import type { Person } from './registry.types';

/**
 * Enrolment reads two streams: the enrolling person's NIK link and their household. For the
 * specification both are folded into one state; each given event goes to the stream it belongs to,
 * so `given` holds only events of those two streams.
 */
type RegistryEvent = NikEvent | HouseholdEvent;
interface RegistryState {
  readonly nik: NikLinkState;
  readonly household: HouseholdState;
}
const enrolmentSpec = deciderSpec({
  decide: (e: Enrolment, s: RegistryState): Decision<RegistryEvent> => {
    const d = decideEnrolment(e, s.nik, s.household);
    return d.ok ? accept<RegistryEvent>(...d.nik, ...d.household) : d;
  },
  evolve: (s: RegistryState, e: WithFakeMetadata<RegistryEvent>): RegistryState =>
    e.type === 'NikLinkedToHousehold'
      ? { ...s, nik: evolveNikLink(s.nik, e) }
      : { ...s, household: evolveHousehold(s.household, e) },
  initialState: { nik: initialNikLinkState, household: initialHouseholdState },
});

const enrolment = (person: Person, options: EnrolmentOptions = {}): Enrolment => {
  const { type: _type, ...rest } = enrol(person, options);
  return rest;
};
const linked = (person: Person, kk = person.kk, linkedAt = '2026-01-05T02:00:00.000Z'): NikLinkedToHousehold => ({
  type: 'NikLinkedToHousehold',
  data: { nik: person.nik, kk, linkedAt },
});

describe('decideEnrolment: one household per NIK, one source per household', () => {
  it('links the NIK and registers the recipient, each on its own stream', () => {
    const decision = decideEnrolment(enrolment(FATHER), initialNikLinkState, initialHouseholdState);
    expect(decision).toEqual({ ok: true, nik: [linked(FATHER)], household: [registered(FATHER)] });
  });

  it('does not link again a NIK already linked to the same family card', () => {
    enrolmentSpec.given([linked(MOTHER)]).when(enrolment(MOTHER)).then([registered(MOTHER)]);
  });

  it('refuses a NIK linked to another family card: NIK_IN_OTHER_HOUSEHOLD', () => {
    enrolmentSpec
      .given([linked(MOTHER, KK_NEIGHBOUR)])
      .when(enrolment(MOTHER))
      .thenRejects('NIK_IN_OTHER_HOUSEHOLD');
  });

  it('checks the NIK link first: a NIK from another household is refused as such', () => {
    const husband: Person = { ...NEIGHBOUR, nik: '3510010404800005', fullName: 'AHMAD FAUZI' };
    enrolmentSpec
      .given([linked(NEIGHBOUR, KK_SANTOSO), registered(husband)])
      .when(enrolment(NEIGHBOUR))
      .thenRejects('NIK_IN_OTHER_HOUSEHOLD');
  });

  it('refuses the same person again: NIK_ALREADY_ENROLLED', () => {
    enrolmentSpec
      .given([linked(FATHER), registered(FATHER)])
      .when(enrolment(FATHER, { source: 'KABUPATEN' }))
      .thenRejects('NIK_ALREADY_ENROLLED', { source: 'PUSAT' });
  });

  it.each(['PUSAT', 'PROVINSI', 'KABUPATEN'] as const)(
    'refuses another member of an enrolled household (%s): HOUSEHOLD_ALREADY_ENROLLED',
    (source) => {
      enrolmentSpec
        .given([registered(FATHER, { source: 'PUSAT' })])
        .when(enrolment(SON, { source, program: BLT_DD }))
        .thenRejects('HOUSEHOLD_ALREADY_ENROLLED', { program: 'PKH', source: 'PUSAT' });
    },
  );

  it('enrols another member after the recipient was withdrawn', () => {
    enrolmentSpec
      .given([registered(FATHER), withdrawn(FATHER)])
      .when(enrolment(SON, { source: 'PROVINSI' }))
      .then([linked(SON), registered(SON, { source: 'PROVINSI' })]);
  });

  it('accepts a retried assessment enrolment (same ticket) with no new event on either stream', () => {
    const via = { via: byAssessment('LPR-20260105-0001') };
    const nik = foldEvents(evolveNikLink, initialNikLinkState, [linked(SON)]);
    const household = foldEvents(evolveHousehold, initialHouseholdState, [registered(SON, via)]);
    expect(decideEnrolment(enrolment(SON, via), nik, household)).toEqual({ ok: true, nik: [], household: [] });
  });
});

describe('findEnrolment: stage 1 of verification', () => {
  const enrolled = (...events: HouseholdEvent[]) => foldEvents(evolveHousehold, initialHouseholdState, events);

  it('finds nothing when no household is enrolled', () => {
    expect(findEnrolment(SON.nik, new Map())).toBeNull();
    expect(findEnrolment(SON.nik, new Map([[KK_SANTOSO, initialHouseholdState]]))).toBeNull();
  });

  it('finds nothing once the recipient was withdrawn', () => {
    const households = new Map([[KK_SANTOSO, enrolled(registered(FATHER), withdrawn(FATHER))]]);
    expect(findEnrolment(FATHER.nik, households)).toBeNull();
  });

  it('matches the person themself, with the id of the enrolment event', () => {
    const households = new Map([[KK_SANTOSO, enrolled(registered(FATHER, { source: 'PUSAT' }))]]);
    expect(findEnrolment(FATHER.nik, households)).toEqual({
      match: 'person',
      kk: KK_SANTOSO,
      program: PKH,
      source: 'PUSAT',
      enrolmentEventId: 'evt-1',
    });
  });

  it('matches the household: a son is matched by his father’s enrolment', () => {
    const reEnrolled = enrolled(registered(FATHER), withdrawn(FATHER), registered(FATHER));
    const households = new Map([[KK_SANTOSO, reEnrolled]]);
    expect(findEnrolment(SON.nik, households)).toEqual({
      match: 'household',
      kk: KK_SANTOSO,
      program: PKH,
      source: 'PUSAT',
      enrolmentEventId: 'evt-3',
    });
  });

  it('prefers a person match over a household match, whatever the order of the households', () => {
    // The KK given in a report (the father's) is enrolled; the son himself is enrolled elsewhere.
    const sonElsewhere = { ...SON, kk: KK_NEIGHBOUR };
    const households = new Map([
      [KK_SANTOSO, enrolled(registered(FATHER, { source: 'PUSAT' }))],
      [KK_NEIGHBOUR, enrolled(registered(sonElsewhere, { source: 'KABUPATEN', program: BLT_DD }))],
    ]);
    expect(findEnrolment(SON.nik, households)).toEqual({
      match: 'person',
      kk: KK_NEIGHBOUR,
      program: BLT_DD,
      source: 'KABUPATEN',
      enrolmentEventId: 'evt-1',
    });
  });

  it('skips households that are not enrolled when looking for a household match', () => {
    const households = new Map([
      [KK_NEIGHBOUR, initialHouseholdState],
      [KK_SANTOSO, enrolled(registered(MOTHER, { source: 'PROVINSI' }))],
    ]);
    expect(findEnrolment(SON.nik, households)).toMatchObject({
      match: 'household',
      kk: KK_SANTOSO,
      source: 'PROVINSI',
    });
  });
});

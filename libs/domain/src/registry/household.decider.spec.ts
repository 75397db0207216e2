import type { Source } from './registry.types';
import { decideHousehold, evolveHousehold, initialHouseholdState } from './household.decider';
import { deciderSpec, foldEvents } from '../testing/decider-spec';
import {
  BLT_DD,
  BPNT,
  byAssessment,
  enrol,
  FATHER,
  KK_SANTOSO,
  MOTHER,
  PKH,
  registered,
  SON,
  withdrawn,
} from '../testing/fixtures';

/** One household (family card): at most one enrolment, from one source, at a time. */
const spec = deciderSpec({ decide: decideHousehold, evolve: evolveHousehold, initialState: initialHouseholdState });
const OTHER_SOURCES: Source[] = ['PROVINSI', 'KABUPATEN'];

describe('household decider: enrolling a recipient', () => {
  it('accepts the first enrolment of a household, with everything needed to audit it', () => {
    spec.given([]).when(enrol(FATHER, { source: 'PUSAT', program: PKH })).then([
      {
        type: 'RecipientRegistered',
        data: {
          nik: FATHER.nik,
          kk: KK_SANTOSO,
          fullName: 'BUDI SANTOSO',
          address: FATHER.address,
          program: { code: 'PKH', name: 'Program Keluarga Harapan' },
          source: 'PUSAT',
          via: { kind: 'registration' },
          registeredAt: '2026-01-05T02:00:00.000Z',
        },
      },
    ]);
  });

  it('refuses the same NIK again: NIK_ALREADY_ENROLLED, naming the program and source', () => {
    spec
      .given([registered(FATHER)])
      .when(enrol(FATHER))
      .thenRejects('NIK_ALREADY_ENROLLED', { program: 'PKH', source: 'PUSAT' });
  });

  it.each(OTHER_SOURCES)('refuses the same NIK from another source (%s) too', (source) => {
    spec
      .given([registered(FATHER, { source: 'PUSAT' })])
      .when(enrol(FATHER, { source, program: BLT_DD }))
      .thenRejects('NIK_ALREADY_ENROLLED', { source: 'PUSAT' });
  });

  it('refuses another member from the same source: one enrolment per household', () => {
    spec
      .given([registered(FATHER, { source: 'PUSAT' })])
      .when(enrol(SON, { source: 'PUSAT' }))
      .thenRejects('HOUSEHOLD_ALREADY_ENROLLED', { program: 'PKH', source: 'PUSAT' });
  });

  it.each(OTHER_SOURCES)('refuses another member from another source (%s): one source per household', (source) => {
    const error = spec
      .given([registered(FATHER, { source: 'PUSAT', program: PKH })])
      .when(enrol(MOTHER, { source, program: BPNT }))
      .thenRejects('HOUSEHOLD_ALREADY_ENROLLED');
    expect(error.details).toEqual({ program: 'PKH', source: 'PUSAT' });
    expect(error.message).toContain('PUSAT');
  });

  it('lets the household enrol again after the recipient was withdrawn', () => {
    spec
      .given([registered(FATHER, { source: 'PUSAT' }), withdrawn(FATHER)])
      .when(enrol(MOTHER, { source: 'KABUPATEN', program: BLT_DD }))
      .then([registered(MOTHER, { source: 'KABUPATEN', program: BLT_DD })]);
  });

  it('lets the withdrawn recipient themself enrol again', () => {
    spec.given([registered(FATHER), withdrawn(FATHER)]).when(enrol(FATHER)).then([registered(FATHER)]);
  });

  it('refuses again once the household re-enrolled after a withdrawal', () => {
    spec
      .given([registered(FATHER), withdrawn(FATHER), registered(MOTHER, { source: 'PROVINSI' })])
      .when(enrol(FATHER, { source: 'PUSAT' }))
      .thenRejects('HOUSEHOLD_ALREADY_ENROLLED', { source: 'PROVINSI' });
  });
});

describe('household decider: enrolment by an eligible assessment', () => {
  const viaTicket = { via: byAssessment('LPR-20260105-0001') };

  it('enrols a free household, recording the ticket it came from', () => {
    spec.given([]).when(enrol(SON, viaTicket)).then([registered(SON, viaTicket)]);
  });

  it('accepts a retried enrolment of the same assessment (same ticket) with no new event', () => {
    spec.given([registered(SON, viaTicket)]).when(enrol(SON, viaTicket)).then([]);
  });

  it('refuses an enrolment from another assessment (another ticket)', () => {
    spec
      .given([registered(SON, viaTicket)])
      .when(enrol(FATHER, { via: byAssessment('LPR-20260106-0002') }))
      .thenRejects('HOUSEHOLD_ALREADY_ENROLLED');
  });

  it('does not take an operator registration for a retry of the assessment', () => {
    spec.given([registered(SON, viaTicket)]).when(enrol(SON)).thenRejects('NIK_ALREADY_ENROLLED');
  });

  it('does not take two operator registrations for retries of each other', () => {
    spec.given([registered(SON)]).when(enrol(SON)).thenRejects('NIK_ALREADY_ENROLLED');
  });
});

describe('household decider: state', () => {
  it('remembers the id of the RecipientRegistered event, the fact an auto-reject rests on', () => {
    expect(foldEvents(evolveHousehold, initialHouseholdState, [registered(FATHER)])).toEqual({
      status: 'enrolled',
      kk: KK_SANTOSO,
      recipientNik: FATHER.nik,
      program: PKH,
      source: 'PUSAT',
      via: { kind: 'registration' },
      enrolledAt: '2026-01-05T02:00:00.000Z',
      enrolmentEventId: 'evt-1',
    });
  });

  it('is free again after a withdrawal, and points at the newest enrolment after re-enrolling', () => {
    const events = [registered(FATHER), withdrawn(FATHER)];
    expect(foldEvents(evolveHousehold, initialHouseholdState, events)).toEqual({ status: 'not_enrolled' });
    expect(foldEvents(evolveHousehold, initialHouseholdState, [...events, registered(MOTHER)])).toMatchObject({
      recipientNik: MOTHER.nik,
      enrolmentEventId: 'evt-3',
    });
  });
});

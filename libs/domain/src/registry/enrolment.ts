import type { DomainError } from '../shared/result';
import { decideHousehold, type HouseholdState } from './household.decider';
import { decideNikLink, type NikLinkState } from './nik-link.decider';
import type { HouseholdEvent, NikEvent } from './registry.events';
import type { EnrolmentVia, Person, Program, Source } from './registry.types';

/**
 * Enrolling a person touches two streams: the NIK's link to its family card and the
 * household itself. Both rules (one household per NIK, one source per household) are
 * decided here, purely, from the two states read with their revisions.
 */
export interface Enrolment {
  readonly person: Person;
  readonly program: Program;
  readonly source: Source;
  readonly via: EnrolmentVia;
  readonly at: string;
}

export type EnrolmentDecision =
  | { readonly ok: true; readonly nik: readonly NikEvent[]; readonly household: readonly HouseholdEvent[] }
  | { readonly ok: false; readonly error: DomainError };

export function decideEnrolment(
  enrolment: Enrolment,
  nikState: NikLinkState,
  householdState: HouseholdState,
): EnrolmentDecision {
  const { person, at } = enrolment;
  const link = decideNikLink({ type: 'LinkNik', nik: person.nik, kk: person.kk, at }, nikState);
  if (!link.ok) return link;
  const { program, source, via } = enrolment; // named, not spread: cheaper on a bulk import
  const household = decideHousehold({ type: 'EnrolRecipient', person, program, source, via, at }, householdState);
  if (!household.ok) return household;
  return { ok: true, nik: link.events, household: household.events };
}

/** What stage 1 found: the person themself, or their household, is already enrolled. */
export interface EnrolmentMatch {
  readonly match: 'person' | 'household';
  readonly kk: string;
  readonly program: Program;
  readonly source: Source;
  readonly enrolmentEventId: string;
}

/**
 * Looks for an enrolment of `nik` or of any household it is known to belong to
 * (the family card it is linked to, and the one given with the report).
 */
export function findEnrolment(
  nik: string,
  households: ReadonlyMap<string, HouseholdState>,
): EnrolmentMatch | null {
  let householdMatch: EnrolmentMatch | null = null;
  for (const [kk, state] of households) {
    if (state.status !== 'enrolled') continue;
    const found = {
      kk,
      program: state.program,
      source: state.source,
      enrolmentEventId: state.enrolmentEventId,
    };
    if (state.recipientNik === nik) return { match: 'person', ...found };
    householdMatch ??= { match: 'household', ...found };
  }
  return householdMatch;
}

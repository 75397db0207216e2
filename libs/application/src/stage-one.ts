import {
  evolveHousehold,
  evolveNikLink,
  findEnrolment,
  householdStream,
  initialHouseholdState,
  initialNikLinkState,
  nikStream,
  type EnrolmentMatch,
  type HouseholdState,
} from '@bansos/domain';
import type { EventStore } from '@bansos/eventstore';
import { fold } from './command-runner';

/**
 * Stage 1 reads the registry's own streams, not the eventually consistent read model:
 * the NIK's link to a family card, that household, and the household named in the report.
 */
export async function findEnrolmentInStreams(
  store: EventStore,
  nik: string,
  kk: string | null,
): Promise<EnrolmentMatch | null> {
  const nikId = nikStream(nik);
  const first = await store.readStreams(kk ? [nikId, householdStream(kk)] : [nikId]);
  const link = fold(first.get(nikId) ?? [], evolveNikLink, initialNikLinkState).state;
  const households = new Map<string, HouseholdState>();
  if (kk) households.set(kk, fold(first.get(householdStream(kk)) ?? [], evolveHousehold, initialHouseholdState).state);
  if (link.status === 'linked' && !households.has(link.kk)) {
    const events = await store.readStream(householdStream(link.kk));
    households.set(link.kk, fold(events, evolveHousehold, initialHouseholdState).state);
  }
  return findEnrolment(nik, households);
}

import { householdStream, nikStream, reportStream, type HouseholdEvent, type NikEvent, type ReportEvent, type StoredEvent } from '@bansos/domain';
import type { EventStore, RecordedEvent } from '@bansos/eventstore';
import { decodeEvent } from '../replay/decode';
import { nikAsOf, reportAsOf, type NikAsOf, type ReportAsOf } from './as-of';

/** Reads a report's stream and answers its status at `asOf`; null when no report has the ticket. */
export async function reportStatusAsOf(store: EventStore, ticket: string, asOf: string): Promise<ReportAsOf | null> {
  const events = decoded<ReportEvent>(await store.readStream(reportStream(ticket)));
  return events.length === 0 ? null : reportAsOf(ticket, events, asOf);
}

/** Reads the NIK's link stream and every household it was linked to, and answers at `asOf`. */
export async function nikStatusAsOf(store: EventStore, nik: string, asOf: string): Promise<NikAsOf> {
  const links = decoded<NikEvent>(await store.readStream(nikStream(nik)));
  const kks = [...new Set(links.map((e) => e.data.kk))];
  const read = await store.readStreams(kks.map(householdStream));
  const households = new Map(kks.map((kk) => [kk, decoded<HouseholdEvent>(read.get(householdStream(kk)) ?? [])]));
  return nikAsOf(nik, links, households, asOf);
}

/** Each stream holds one event family, so its decoded events are of that family. */
function decoded<E>(recorded: readonly RecordedEvent[]): (StoredEvent & E)[] {
  return recorded.map((e) => decodeEvent(e)).filter((e) => e !== null) as unknown as (StoredEvent & E)[];
}

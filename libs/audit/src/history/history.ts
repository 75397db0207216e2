import { householdStream, nikStream, reportStream, slaStream, subjectStream, type StoredEvent } from '@bansos/domain';
import type { EventStore, RecordedEvent } from '@bansos/eventstore';
import type { LookupKeys, ReadModelStore } from '@bansos/read-models';
import { decodeRegistered, isDecision } from '../replay/decode';
import { withFacts, type HistoryItem } from './facts';
import { ticketsAbout } from './tickets-about';

export interface History {
  readonly streams: readonly string[];
  /** Every listed event in the order it was stored (by global position). */
  readonly events: readonly HistoryItem[];
}

export interface NikHistory extends History {
  readonly nik: string;
  readonly tickets: readonly string[];
  readonly households: readonly string[];
}

export interface ReportHistory extends History {
  readonly ticket: string;
}

/**
 * Everything about one report: its own stream, its SLA alerts, the case it opened, the
 * enrolment its eligible assessment made (the events written by the same command: same
 * correlation id, same instant), and, as a fact, the enrolment a stage-1 rejection
 * matched. Null when no report has this ticket.
 */
export async function reportHistory(store: EventStore, ticket: string): Promise<ReportHistory | null> {
  const own = await readDecoded(store, [reportStream(ticket), slaStream(ticket)]);
  const report = own.filter(isDecision);
  const filed = report.find((e) => e.type === 'ReportFiled');
  if (!filed || filed.type !== 'ReportFiled') return null;
  const { nik, kk } = filed.data.subject;
  const households = new Set([kk, ...report.flatMap((e) => (e.type === 'ReportAutoRejected' ? [e.data.kk] : []))]);
  const around = await readDecoded(store, [subjectStream(nik), nikStream(nik), ...[...households].map(householdStream)]);
  const madeHere = (e: StoredEvent) => report.some((r) => sameCommand(r, e));
  const concerned = around.filter((e) => (isDecision(e) && e.type === 'CaseOpened' ? e.data.ticket === ticket : madeHere(e)));
  const listed = [...own, ...concerned];
  return { ticket, ...assemble([reportStream(ticket), ...streamsOf(listed)], listed, [...own, ...around]) };
}

/**
 * Everything about one person: their link to a family card, every household they were
 * linked to or reported under (with the other members' enrolments: stage 1 matches
 * households), the cases opened about them and every report filed about them, with its SLA alerts.
 */
export async function nikHistory(
  store: EventStore,
  readModels: ReadModelStore,
  keys: LookupKeys,
  nik: string,
): Promise<NikHistory> {
  const tickets = await ticketsAbout(store, readModels, keys, nik);
  const first = await readDecoded(store, [nikStream(nik), subjectStream(nik), ...tickets.flatMap((t) => [reportStream(t), slaStream(t)])]);
  const households = new Set<string>();
  for (const e of first.filter(isDecision)) {
    if (e.type === 'NikLinkedToHousehold') households.add(e.data.kk);
    if (e.type === 'ReportFiled') households.add(e.data.subject.kk);
    if (e.type === 'ReportAutoRejected') households.add(e.data.kk);
  }
  const second = await readDecoded(store, [...households].map(householdStream));
  const listed = [...first, ...second];
  return { nik, tickets, households: [...households], ...assemble(streamsOf(listed), listed, listed) };
}

function assemble(streams: readonly string[], listed: readonly StoredEvent[], known: readonly StoredEvent[]): History {
  const unique = new Map(listed.map((e) => [e.position, e]));
  const ordered = [...unique.values()].sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  return { streams: [...new Set(streams)], events: withFacts(ordered, known) };
}

/** One command writes all its events with the same context: correlation id and instant. */
function sameCommand(a: StoredEvent, b: StoredEvent): boolean {
  return a.metadata.correlationId === b.metadata.correlationId && a.metadata.occurredAt === b.metadata.occurredAt;
}

function streamsOf(events: readonly StoredEvent[]): string[] {
  return events.map((e) => e.streamId);
}

async function readDecoded(store: EventStore, streamIds: readonly string[]): Promise<StoredEvent[]> {
  if (streamIds.length === 0) return [];
  const read = await store.readStreams(streamIds);
  return [...read.values()].flatMap(decodeAll);
}

function decodeAll(recorded: readonly RecordedEvent[]): StoredEvent[] {
  return recorded.map((e) => decodeRegistered(e)).filter((e): e is StoredEvent => e !== null);
}

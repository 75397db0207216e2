import {
  evolveHousehold,
  evolveNikLink,
  householdStream,
  initialHouseholdState,
  initialNikLinkState,
  nikStream,
  type CommandContext,
  type DomainError,
  type DomainEvent,
  type HouseholdState,
  type NikLinkState,
  type StoredEvent,
} from '@bansos/domain';
import {
  NO_STREAM,
  WrongExpectedRevisionError,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type RecordedEvent,
  type StreamAppend,
} from '@bansos/eventstore';
import { fold, withRetry, type Folded } from './command-runner';
import { toAppend } from './event-codec';
import { decideRegistration, type RegisterRecipient } from './registration';

export interface BulkItem {
  readonly command: RegisterRecipient;
  readonly ctx: CommandContext;
}

export type BulkOutcome = { readonly ok: true } | { readonly ok: false; readonly error: DomainError };

const ACCEPTED: BulkOutcome = Object.freeze({ ok: true });
const NONE: readonly RecordedEvent[] = [];

/**
 * Registers many recipients with one read and one atomic append per chunk: the same
 * decider as one-by-one registration, run in order against states kept in memory, so
 * two lines of one chunk about the same NIK or household are judged like two requests.
 */
export async function registerMany(store: EventStore, items: readonly BulkItem[]): Promise<BulkOutcome[]> {
  return withRetry(async () => decideAndAppend(store, items, await store.readStreams(streamIdsOf(items))));
}

/**
 * registerMany for a whole import. Bulk lists mostly enrol people the registry has never
 * seen, so a chunk is first decided without reading: every stream as new, appended with
 * NO_STREAM. That is no weaker a check, since the store refuses the append if any of those
 * streams exists, and costs a read per NIK and KK less (a tenth of a fresh import). Once a
 * chunk is refused, the import reads before deciding, as registerMany does, from then on.
 */
export function bulkRegistrar(store: EventStore): (items: readonly BulkItem[]) => Promise<BulkOutcome[]> {
  let assumeNew = true;
  return async (items) => {
    if (assumeNew) {
      try {
        return await decideAndAppend(store, items, new Map());
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        assumeNew = false;
      }
    }
    return registerMany(store, items);
  };
}

function streamIdsOf(items: readonly BulkItem[]): string[] {
  const ids = new Set<string>();
  for (const { command } of items) {
    ids.add(nikStream(command.person.nik));
    ids.add(householdStream(command.person.kk));
  }
  return [...ids];
}

/** Decides every item in order against `read` (streams missing from it are new), then appends. */
async function decideAndAppend(
  store: EventStore,
  items: readonly BulkItem[],
  read: ReadonlyMap<string, RecordedEvent[]>,
): Promise<BulkOutcome[]> {
  const pending = new Map<string, Pending<NikLinkState> | Pending<HouseholdState>>();
  const nikOf = (id: string) => stateOf(pending, read, id, evolveNikLink, initialNikLinkState);
  const householdOf = (id: string) => stateOf(pending, read, id, evolveHousehold, initialHouseholdState);

  const outcomes = items.map(({ command, ctx }): BulkOutcome => {
    const nikId = nikStream(command.person.nik);
    const householdId = householdStream(command.person.kk);
    const nik = nikOf(nikId);
    const household = householdOf(householdId);
    const decision = decideRegistration(command, ctx, nik.state, household.state, read.get(householdId) ?? NONE);
    if (!decision.ok) return decision;
    record(nik, nikId, decision.nik, ctx, evolveNikLink);
    record(household, householdId, decision.household, ctx, evolveHousehold);
    return ACCEPTED;
  });

  const appends: StreamAppend[] = [];
  for (const [streamId, p] of pending) {
    if (p.events.length > 0) appends.push({ streamId, expected: p.expected, events: p.events });
  }
  if (appends.length > 0) await store.appendBatch(appends);
  return outcomes;
}

interface Pending<S> {
  state: S;
  readonly expected: ExpectedRevision;
  readonly events: EventToAppend[];
}

function stateOf<S, E extends DomainEvent>(
  pending: Map<string, Pending<unknown>>,
  read: ReadonlyMap<string, readonly RecordedEvent[]>,
  streamId: string,
  evolve: (state: S, event: StoredEvent & E) => S,
  initial: S,
): Pending<S> {
  const existing = pending.get(streamId) as Pending<S> | undefined;
  if (existing) return existing;
  const recorded = read.get(streamId);
  // Most streams of a bulk list are new: nothing to fold.
  const folded: Folded<S> = recorded ? fold(recorded, evolve, initial) : { state: initial, expected: NO_STREAM };
  const created: Pending<S> = { state: folded.state, expected: folded.expected, events: [] };
  pending.set(streamId, created);
  return created;
}

function record<S, E extends DomainEvent>(
  p: Pending<S>,
  streamId: string,
  events: readonly E[],
  ctx: CommandContext,
  evolve: (state: S, event: StoredEvent & E) => S,
): void {
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    const append = toAppend(event, ctx, streamId, i);
    p.events.push(append);
    // Position and revision are not known before the append; the deciders only read data and ids.
    const stored = { type: event.type, data: event.data, metadata: append.metadata, streamId, position: UNKNOWN, revision: UNKNOWN };
    p.state = evolve(p.state, stored as unknown as StoredEvent & E);
  }
}

const UNKNOWN = -1n;

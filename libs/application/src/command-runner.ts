import type { CommandContext, DomainError, DomainEvent, StoredEvent } from '@bansos/domain';
import {
  exactly,
  NO_STREAM,
  WrongExpectedRevisionError,
  type EventStore,
  type ExpectedRevision,
  type RecordedEvent,
  type StreamAppend,
} from '@bansos/eventstore';
import { toAppend, toDomainEvent } from './event-codec';

/** The outcome of a command: a value for the caller, or the rule it broke. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DomainError };

/** A stream's folded state and the revision to expect when appending to it. */
export interface Folded<S> {
  readonly state: S;
  readonly expected: ExpectedRevision;
}

export async function readFolded<S, E extends DomainEvent>(
  store: EventStore,
  streamId: string,
  evolve: (state: S, event: StoredEvent & E) => S,
  initial: S,
): Promise<Folded<S>> {
  return fold(await store.readStream(streamId), evolve, initial);
}

export function fold<S, E extends DomainEvent>(
  recorded: readonly RecordedEvent[],
  evolve: (state: S, event: StoredEvent & E) => S,
  initial: S,
): Folded<S> {
  let state = initial;
  for (const r of recorded) {
    const event = toDomainEvent(r);
    if (event) state = evolve(state, event as StoredEvent & E);
  }
  const last = recorded[recorded.length - 1];
  return { state, expected: last ? exactly(last.revision) : NO_STREAM };
}

export interface PlannedAppend {
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  readonly events: readonly DomainEvent[];
}

/** Builds the store appends for a decision, skipping streams with nothing to write. */
export function toStreamAppends(planned: readonly PlannedAppend[], ctx: CommandContext): StreamAppend[] {
  return planned
    .filter((p) => p.events.length > 0)
    .map((p) => ({
      streamId: p.streamId,
      expected: p.expected,
      events: p.events.map((e, i) => toAppend(e, ctx, p.streamId, i)),
    }));
}

const MAX_ATTEMPTS = 8;

/**
 * Read → decide → append with expected revisions, again from the top when another
 * writer got there first. Event ids follow from the command, so a half-done attempt
 * on a distributed store is completed, not duplicated, by the next one.
 */
export async function withRetry<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || n >= MAX_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * n));
    }
  }
}

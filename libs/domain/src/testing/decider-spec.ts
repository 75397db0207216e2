/**
 * Specifications for pure deciders, in the style of Emmett's DeciderSpecification:
 *
 *   spec.given([registered]).when(enrolAgain).thenRejects('NIK_ALREADY_ENROLLED');
 *   spec.given([]).when(enrol).then([registered]);
 *
 * Test-only: it asserts with jest's global `expect`. Like Emmett's, the object `when` returns has a
 * `then` method, so never `await` it or return it from a test: call `then` / `thenRejects` on it.
 */
import type { EventBody } from '../shared/metadata';
import type { Decision, DomainError } from '../shared/result';

/** The slice of metadata an evolve function may read (household evolve reads the event id). */
export interface FakeMetadata {
  readonly eventId: string;
}
export type WithFakeMetadata<E> = E & { readonly metadata: FakeMetadata };

export interface Decider<Command, State, Event extends EventBody> {
  readonly decide: (command: Command, state: State) => Decision<Event>;
  readonly evolve: (state: State, event: WithFakeMetadata<Event>) => State;
  readonly initialState: State;
}

/** The id the n-th (1-based) `given` event carries: `evt-1`, `evt-2`, ... */
export const fakeEventId = (n: number): string => `evt-${n}`;

/** Gives event bodies the metadata they would have once stored, with fake ids in order. */
export function withFakeMetadata<E extends EventBody>(events: readonly E[]): WithFakeMetadata<E>[] {
  return events.map((event, i) => ({ ...event, metadata: { eventId: fakeEventId(i + 1) } }));
}

/** Folds event bodies into a state, as a command handler would after reading a stream. */
export function foldEvents<State, Event extends EventBody>(
  evolve: (state: State, event: WithFakeMetadata<Event>) => State,
  initialState: State,
  events: readonly Event[],
): State {
  return withFakeMetadata(events).reduce(evolve, initialState);
}

export interface DeciderThen<Event> {
  /** The command is accepted with exactly these events (`[]`: accepted, nothing new happened). */
  then(expected: readonly Event[]): void;
  /** The command is refused with this error code (and, if given, at least these details). */
  thenRejects(code: string, details?: Readonly<Record<string, unknown>>): DomainError;
}

export interface DeciderWhen<Command, Event> {
  when(command: Command): DeciderThen<Event>;
}

export interface DeciderSpecification<Command, Event> {
  given(events: readonly Event[]): DeciderWhen<Command, Event>;
}

export function deciderSpec<Command, State, Event extends EventBody>(
  decider: Decider<Command, State, Event>,
): DeciderSpecification<Command, Event> {
  return {
    given: (events) => ({
      when: (command) => {
        const decide = (): Decision<Event> =>
          decider.decide(command, foldEvents(decider.evolve, decider.initialState, events));
        return {
          then: (expected) => {
            expect(decide()).toEqual({ ok: true, events: expected });
          },
          thenRejects: (code, details) => {
            const decision = decide();
            expect(decision).toMatchObject({ ok: false, error: { code, ...(details ? { details } : {}) } });
            if (decision.ok) throw new Error(`expected ${code}, but the command was accepted`);
            return decision.error;
          },
        };
      },
    }),
  };
}

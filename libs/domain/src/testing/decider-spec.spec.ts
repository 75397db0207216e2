import type { EventBody } from '../shared/metadata';
import { accept, reject, type Decision } from '../shared/result';
import { deciderSpec, foldEvents, withFakeMetadata, type WithFakeMetadata } from './decider-spec';

/** A toy decider: a counter that refuses to pass 2 and remembers the id of its last event. */
type Incremented = EventBody<'Incremented', { readonly by: number }>;
type Increment = { readonly type: 'Increment'; readonly by: number };
type Counter = { readonly value: number; readonly lastEventId: string | null };

const decide = (c: Increment, s: Counter): Decision<Incremented> =>
  s.value + c.by > 2
    ? reject('TOO_HIGH', 'A counter stops at 2.', { value: s.value })
    : c.by === 0
      ? accept<Incremented>()
      : accept<Incremented>({ type: 'Incremented', data: { by: c.by } });
const evolve = (s: Counter, e: WithFakeMetadata<Incremented>): Counter => ({
  value: s.value + e.data.by,
  lastEventId: e.metadata.eventId,
});
const initialState: Counter = { value: 0, lastEventId: null };
const spec = deciderSpec({ decide, evolve, initialState });
const one: Incremented = { type: 'Incremented', data: { by: 1 } };

describe('deciderSpec', () => {
  it('then: the command is accepted with exactly these events', () => {
    spec.given([one]).when({ type: 'Increment', by: 1 }).then([one]);
  });

  it('then([]): accepted, nothing new happened', () => {
    spec.given([one]).when({ type: 'Increment', by: 0 }).then([]);
  });

  it('then fails when the decider emits other events', () => {
    expect(() => spec.given([]).when({ type: 'Increment', by: 2 }).then([one])).toThrow();
  });

  it('thenRejects: returns the error, its details matched when given', () => {
    const error = spec.given([one, one]).when({ type: 'Increment', by: 1 }).thenRejects('TOO_HIGH', { value: 2 });
    expect(error.message).toBe('A counter stops at 2.');
  });

  it('thenRejects fails when the command is accepted, or refused for another reason', () => {
    expect(() => spec.given([]).when({ type: 'Increment', by: 1 }).thenRejects('TOO_HIGH')).toThrow();
    expect(() => spec.given([one, one]).when({ type: 'Increment', by: 1 }).thenRejects('OTHER')).toThrow();
  });

  it('given events get fake ids evt-1, evt-2, ... in order', () => {
    expect(withFakeMetadata([one, one]).map((e) => e.metadata.eventId)).toEqual(['evt-1', 'evt-2']);
    expect(foldEvents(evolve, initialState, [one, one])).toEqual({ value: 2, lastEventId: 'evt-2' });
  });
});

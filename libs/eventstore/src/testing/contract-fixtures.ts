import { randomUUID } from 'node:crypto';
import { NO_STREAM, type EventStore, type EventToAppend, type RecordedEvent } from '../event-store';

/** Every test writes to fresh streams, so the suite can share a store (or a server) with others. */
export const newStreamId = (): string => `contract-${randomUUID()}`;

export function anEvent(overrides: Partial<EventToAppend> = {}): EventToAppend {
  return { id: randomUUID(), type: 'ContractChecked', data: { n: 0 }, metadata: { by: 'contract' }, ...overrides };
}

export function someEvents(count: number): EventToAppend[] {
  return Array.from({ length: count }, (_, n) => anEvent({ data: { n } }));
}

export const idsOf = (events: readonly { readonly id: string }[]): string[] => events.map((e) => e.id);

/** Appends a marker to a stream of its own; its position is a safe "from here on" for the test. */
export async function appendMarker(store: EventStore): Promise<bigint> {
  const marker = await store.appendToStream(newStreamId(), [anEvent({ type: 'ContractMarker' })], NO_STREAM);
  return marker.position;
}

/** Pages through readAll after `after` to the end, keeping the events of `streamIds` only. */
export async function readAllOf(
  store: EventStore,
  streamIds: readonly string[],
  after: bigint,
  pageSize = 100,
): Promise<RecordedEvent[]> {
  const found: RecordedEvent[] = [];
  let cursor = after;
  for (;;) {
    const page = await store.readAll({ after: cursor, maxCount: pageSize });
    if (page.length === 0) return found;
    found.push(...page.filter((e) => streamIds.includes(e.streamId)));
    cursor = page[page.length - 1].position;
  }
}

export function expectStrictlyIncreasing(values: readonly bigint[]): void {
  values.slice(1).forEach((value, i) => expect(value).toBeGreaterThan(values[i]));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Fails with `what` instead of hanging the suite until jest's own timeout. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Pulls from `iterator` until `count` events of `streamIds` have arrived (other writers'
 * events are skipped), one `next()` at a time like a for-await loop would.
 */
export async function take(
  iterator: AsyncIterator<RecordedEvent>,
  count: number,
  streamIds: readonly string[],
  options: { readonly timeoutMs?: number; readonly perEvent?: () => Promise<void> } = {},
): Promise<RecordedEvent[]> {
  const taken: RecordedEvent[] = [];
  const pull = async (): Promise<RecordedEvent[]> => {
    while (taken.length < count) {
      const next = await iterator.next();
      if (next.done) throw new Error(`subscription ended after ${taken.length} of ${count} events`);
      if (!streamIds.includes(next.value.streamId)) continue;
      taken.push(next.value);
      if (options.perEvent) await options.perEvent();
    }
    return taken;
  };
  return within(pull(), options.timeoutMs ?? 5000, `waiting for ${count} events, got ${taken.length}`);
}

import type { EventRegistry } from '@bansos/domain';
import type { EventStore } from '@bansos/eventstore';
import type { ReadModelStore } from '@bansos/read-models';
import { compareCollection, compareDocuments, type CollectionComparison, type Difference } from './compare';
import { rebuild } from './rebuild';
import type { ReplayableReadModel } from './replayable';

export interface ReplayInput {
  readonly events: EventStore;
  /** The read models in service. */
  readonly live: ReadModelStore;
  /** An empty store the events are folded into. */
  readonly fresh: ReadModelStore;
  /** Every read model kept in `live`. */
  readonly readModels: readonly ReplayableReadModel[];
  /** Resolves once the live projectors have applied every event up to the position. */
  readonly liveCaughtUp: (position: bigint) => Promise<void>;
  readonly registry?: EventRegistry;
  readonly onProgress?: (applied: number, position: bigint, head: bigint) => void;
}

export interface ReplayReport {
  /** The cut: the last event both sides were compared at. */
  readonly upTo: bigint;
  readonly events: number;
  readonly rebuildMs: number;
  readonly compareMs: number;
  readonly collections: readonly CollectionComparison[];
  /** What differs once in-flight writes are accounted for: any entry is drift. */
  readonly drift: readonly Difference[];
  /** Documents that were written while we compared and were compared again at a later cut. */
  readonly settled: number;
}

// Each round catches the rebuild up with writes that landed while we compared; a store
// under constant writes could go on forever, so after this many rounds we report what is left.
const SETTLE_ROUNDS = 3;

/**
 * Rebuilds every read model from the first event and compares it with the live one.
 * The live side is caught up to the head first, so an event still in flight is not
 * drift; a document the live projector writes while we compare (its position beyond the
 * cut) is compared again after both sides have moved to the new head.
 */
export async function replay(input: ReplayInput): Promise<ReplayReport> {
  const { events, live, fresh, readModels } = input;
  let upTo = await events.headPosition();
  await input.liveCaughtUp(upTo);
  await assertCaughtUp(live, readModels, upTo);

  const rebuildStarted = performance.now();
  const rebuilt = await rebuild(events, fresh, readModels, {
    upTo,
    registry: input.registry,
    onProgress: (applied, position) => input.onProgress?.(applied, position, upTo),
  });
  const firstRebuildMs = performance.now() - rebuildStarted;
  let catchUpMs = 0;

  const compareStarted = performance.now();
  const collections: CollectionComparison[] = [];
  for (const collection of new Set(readModels.map((m) => m.collection.name))) {
    collections.push(await compareCollection(live, fresh, collection));
  }
  let pending = collections.flatMap((c) => c.differences);
  let eventsApplied = rebuilt.events;
  let settled = 0;
  for (let round = 0; round < SETTLE_ROUNDS && pending.some((d) => inFlight(d, upTo)); round++) {
    const head = await events.headPosition();
    // Nothing was appended since the cut: no write can be in flight, what differs is drift.
    if (head <= upTo) break;
    await input.liveCaughtUp(head);
    const moreStarted = performance.now();
    const more = await rebuild(events, fresh, readModels, { after: upTo, upTo: head, registry: input.registry });
    catchUpMs += performance.now() - moreStarted;
    eventsApplied += more.events;
    upTo = head;
    const again = await recompare(live, fresh, pending);
    settled += pending.length - again.length;
    pending = again;
  }
  const compareMs = performance.now() - compareStarted - catchUpMs;
  return { upTo, events: eventsApplied, rebuildMs: firstRebuildMs + catchUpMs, compareMs, collections, drift: pending, settled };
}

/** Written by the live side after the cut, or gone from it since: may be a write in flight. */
function inFlight(difference: Difference, upTo: bigint): boolean {
  return difference.livePosition === null || difference.livePosition > upTo;
}

async function recompare(live: ReadModelStore, fresh: ReadModelStore, differences: readonly Difference[]): Promise<Difference[]> {
  const byCollection = new Map<string, string[]>();
  for (const d of differences) byCollection.set(d.collection, [...(byCollection.get(d.collection) ?? []), d.id]);
  const still: Difference[] = [];
  for (const [collection, ids] of byCollection) {
    const [a, b] = [await live.getMany(collection, ids), await fresh.getMany(collection, ids)];
    for (const id of ids) {
      const difference = compareDocuments(collection, id, a.get(id), b.get(id));
      if (difference) still.push(difference);
    }
  }
  return still;
}

async function assertCaughtUp(live: ReadModelStore, readModels: readonly ReplayableReadModel[], head: bigint): Promise<void> {
  for (const model of readModels) {
    const checkpoint = (await live.checkpoint(model.name)) ?? -1n;
    if (checkpoint < head) {
      throw new Error(`live read model ${model.name} is at position ${checkpoint}, behind the head ${head}`);
    }
  }
}

import { EVENT_REGISTRY, type EventRegistry } from '@bansos/domain';
import type { EventStore, RecordedEvent } from '@bansos/eventstore';
import type { DocumentWrite, ReadModelStore } from '@bansos/read-models';
import type { ReplayableReadModel } from './replayable';

export interface RebuildOptions {
  /** Continue a rebuild after this position (exclusive); from the first event when absent. */
  readonly after?: bigint;
  /** The last position to apply (inclusive): the cut the live read models are compared at. */
  readonly upTo: bigint;
  readonly registry?: EventRegistry;
  /** Events read and applied per step (one store transaction per read model per step). */
  readonly pageSize?: number;
  readonly onProgress?: (applied: number, position: bigint) => void;
}

export interface Rebuilt {
  /** Events read (the audit trail included: it is part of the log, though it changes no view). */
  readonly events: number;
  readonly position: bigint;
}

type Event = { readonly position: bigint };
type Decoder = ReplayableReadModel['decode'];

const DEFAULT_PAGE = 10_000;

/**
 * Folds the log, from the first event, into `target` with the read models' pure functions.
 * Documents keep the position of the last event that touched them and each read model's
 * checkpoint moves with its writes, exactly as the live projectors store them, so the
 * two stores compare document by document.
 */
export async function rebuild(
  events: EventStore,
  target: ReadModelStore,
  readModels: readonly ReplayableReadModel[],
  options: RebuildOptions,
): Promise<Rebuilt> {
  const registry = options.registry ?? EVENT_REGISTRY;
  const pageSize = options.pageSize ?? DEFAULT_PAGE;
  await target.ensureCollections(readModels.map((m) => m.collection));
  let position = options.after ?? -1n;
  let applied = 0;
  for (;;) {
    const page = await events.readAll({ ...(position >= 0n ? { after: position } : {}), maxCount: pageSize });
    const inRange = page.filter((e) => e.position <= options.upTo);
    if (inRange.length === 0) break;
    position = inRange[inRange.length - 1].position;
    // Read models sharing a decoder (all of the system's projections) decode each event once.
    const decodedBy = new Map<Decoder, Event[]>();
    for (const model of readModels) {
      let decoded = decodedBy.get(model.decode);
      if (!decoded) decodedBy.set(model.decode, (decoded = decodeAll(inRange, model.decode, registry)));
      await target.commit(model.name, await project(target, model, decoded), position);
    }
    applied += inRange.length;
    options.onProgress?.(applied, position);
    if (inRange.length < page.length || page.length < pageSize) break;
  }
  return { events: applied, position };
}

function decodeAll(page: readonly RecordedEvent[], decode: Decoder, registry: EventRegistry): Event[] {
  const decoded: Event[] = [];
  for (const recorded of page) {
    const event = decode(recorded, registry);
    if (event) decoded.push(event);
  }
  return decoded;
}

/** The writes one page makes: each touched document read once, evolved in log order. */
async function project(target: ReadModelStore, model: ReplayableReadModel, events: readonly Event[]): Promise<DocumentWrite[]> {
  const touched = new Map<string, Event[]>();
  for (const event of events) {
    for (const id of model.keysOf(event)) {
      const list = touched.get(id);
      if (list) list.push(event);
      else touched.set(id, [event]);
    }
  }
  if (touched.size === 0) return [];
  const collection = model.collection.name;
  const stored = await target.getMany(collection, [...touched.keys()]);
  const writes: DocumentWrite[] = [];
  for (const [id, list] of touched) {
    let doc = stored.get(id)?.doc ?? null;
    for (const event of list) doc = model.evolve(doc, event, id);
    writes.push({ collection, id, doc, position: list[list.length - 1].position });
  }
  return writes;
}

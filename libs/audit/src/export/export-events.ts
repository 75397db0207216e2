import type { EventStore, RecordedEvent } from '@bansos/eventstore';
import { chainLine, EXPORT_FORMAT, GENESIS, type ChainBody, type ChainedLine } from './hash-chain';

export interface ExportRange {
  /** Events that occurred at or after this instant (ISO-8601); null: from the first. */
  readonly from: string | null;
  /** Events that occurred before this instant (exclusive, so ranges tile); null: to the last. */
  readonly to: string | null;
  /** The last position exported: events appended while exporting are not half in. */
  readonly upTo: bigint;
  readonly exportedAt: string;
}

const PAGE = 5000;

/**
 * The events of the range as hash-chained JSON lines: a header, one line per event as
 * stored (data and metadata as written, never upcast: the file is evidence of the record,
 * and metadata.schemaVersion says which shape each one has), and an end line with the count.
 */
export async function* exportLines(events: EventStore, range: ExportRange): AsyncGenerator<ChainedLine> {
  const from = range.from === null ? -Infinity : Date.parse(range.from);
  const to = range.to === null ? Infinity : Date.parse(range.to);
  let prev = GENESIS;
  const emit = (body: ChainBody): ChainedLine => {
    const chained = chainLine(body, prev);
    prev = chained.hash;
    return chained;
  };
  yield emit({
    kind: 'header',
    format: EXPORT_FORMAT,
    from: range.from,
    to: range.to,
    upToPosition: range.upTo.toString(),
    exportedAt: range.exportedAt,
  });
  let count = 0;
  let after: bigint | undefined;
  for (;;) {
    const page = await events.readAll({ ...(after === undefined ? {} : { after }), maxCount: PAGE });
    for (const event of page) {
      if (event.position > range.upTo) break;
      const at = occurredAt(event);
      if (at < from || at >= to) continue;
      count++;
      yield emit(eventBody(event));
    }
    if (page.length < PAGE || page[page.length - 1].position >= range.upTo) break;
    after = page[page.length - 1].position;
  }
  yield emit({ kind: 'end', events: count });
}

function eventBody(event: RecordedEvent): ChainBody {
  return {
    kind: 'event',
    position: event.position.toString(),
    streamId: event.streamId,
    revision: event.revision.toString(),
    eventId: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt.toISOString(),
  };
}

/** When it happened (the command's time); an event without one is placed by when it was stored. */
function occurredAt(event: RecordedEvent): number {
  const at = event.metadata.occurredAt;
  const parsed = typeof at === 'string' ? Date.parse(at) : NaN;
  return Number.isNaN(parsed) ? event.recordedAt.getTime() : parsed;
}

import { createHash } from 'node:crypto';
import type { ReadModelStore, StoredDocument } from '@bansos/read-models';
import { canonicalJson } from '../canonical-json';

/**
 * A document that is not what the events make it. `missing`: the events make it, the
 * live store lacks it; `extra`: the live store holds it, the events do not make it;
 * `changed`: both hold it, with other contents (the top-level fields named) or another
 * position. Only ids and field names, never values: lookup ids are keyed hashes and
 * report ids are tickets, while values may hold names and NIKs.
 */
export interface Difference {
  readonly collection: string;
  readonly id: string;
  readonly kind: 'missing' | 'extra' | 'changed';
  readonly fields: readonly string[];
  /** Position of the live document (absent when it is missing): tells in-flight writes apart. */
  readonly livePosition: bigint | null;
}

export interface Digest {
  readonly documents: number;
  /** sha256 (hex) over the documents in id order, each as canonicalJson([id, doc]) + "\n". */
  readonly sha256: string;
}

export interface CollectionComparison {
  readonly collection: string;
  readonly live: Digest;
  readonly rebuilt: Digest;
  readonly differences: readonly Difference[];
}

interface Entry {
  readonly id: string;
  readonly position: bigint;
  readonly doc: StoredDocument['doc'];
  /** JSON.stringify of the document: equal texts are equal documents, and native stringify is cheap. */
  readonly plain: string;
  /** Its canonical line, made on first need: once for both sides when their plain texts agree. */
  canonical?: string;
}

/**
 * The line the digest takes for a document: canonicalJson([id, doc]) + "\n". Documents
 * both sides wrote from the same code have the same plain text, so the common case
 * canonicalises one document for two entries.
 */
function canonicalText(entry: Entry, twin: Entry | null): string {
  if (entry.canonical === undefined) {
    entry.canonical = twin?.canonical !== undefined && twin.plain === entry.plain ? twin.canonical : `${canonicalJson([entry.id, entry.doc])}\n`;
  }
  return entry.canonical;
}

/**
 * Walks both stores in id order at once (a merge join), hashing each side as it goes.
 * Both adapters return ids in binary order; our ids are ASCII, where JS string order is
 * the same, so the join's comparisons agree with the stores' order.
 */
export async function compareCollection(
  live: ReadModelStore,
  rebuilt: ReadModelStore,
  collection: string,
  pageSize = 5000,
): Promise<CollectionComparison> {
  const liveDocs = entries(live, collection, pageSize);
  const rebuiltDocs = entries(rebuilt, collection, pageSize);
  const liveHash = createHash('sha256');
  const rebuiltHash = createHash('sha256');
  let liveCount = 0;
  let rebuiltCount = 0;
  const differences: Difference[] = [];
  let a = await liveDocs.next();
  let b = await rebuiltDocs.next();
  while (!a.done || !b.done) {
    const order = a.done ? 1 : b.done ? -1 : a.value.id < b.value.id ? -1 : a.value.id > b.value.id ? 1 : 0;
    if (order <= 0 && !a.done) {
      liveHash.update(canonicalText(a.value, order === 0 && !b.done ? b.value : null));
      liveCount++;
    }
    if (order >= 0 && !b.done) {
      rebuiltHash.update(canonicalText(b.value, order === 0 && !a.done ? a.value : null));
      rebuiltCount++;
    }
    if (order < 0 && !a.done) {
      differences.push({ collection, id: a.value.id, kind: 'extra', fields: [], livePosition: a.value.position });
    } else if (order > 0 && !b.done) {
      differences.push({ collection, id: b.value.id, kind: 'missing', fields: [], livePosition: null });
    } else if (!a.done && !b.done) {
      const fields = changedFields(a.value, b.value);
      if (fields.length > 0) differences.push({ collection, id: a.value.id, kind: 'changed', fields, livePosition: a.value.position });
    }
    if (order <= 0) a = await liveDocs.next();
    if (order >= 0) b = await rebuiltDocs.next();
  }
  return {
    collection,
    live: { documents: liveCount, sha256: liveHash.digest('hex') },
    rebuilt: { documents: rebuiltCount, sha256: rebuiltHash.digest('hex') },
    differences,
  };
}

/** Compares one document as both stores hold it now (used to settle in-flight writes). */
export function compareDocuments(
  collection: string,
  id: string,
  live: StoredDocument | undefined,
  rebuilt: StoredDocument | undefined,
): Difference | null {
  if (!live && !rebuilt) return null;
  if (!live) return { collection, id, kind: 'missing', fields: [], livePosition: null };
  if (!rebuilt) return { collection, id, kind: 'extra', fields: [], livePosition: live.position };
  const fields = changedFields(entry(live), entry(rebuilt));
  return fields.length > 0 ? { collection, id, kind: 'changed', fields, livePosition: live.position } : null;
}

function changedFields(live: Entry, rebuilt: Entry): string[] {
  const fields: string[] = [];
  if (canonicalText(live, rebuilt) !== canonicalText(rebuilt, live)) {
    const names = new Set([...Object.keys(live.doc), ...Object.keys(rebuilt.doc)]);
    const member = (doc: Entry['doc'], name: string) => (name in doc ? canonicalJson(doc[name]) : undefined);
    for (const name of [...names].sort()) {
      if (member(live.doc, name) !== member(rebuilt.doc, name)) fields.push(name);
    }
  }
  if (live.position !== rebuilt.position) fields.push('(position)');
  return fields;
}

function entry(stored: StoredDocument): Entry {
  return { id: stored.id, position: stored.position, doc: stored.doc, plain: JSON.stringify(stored.doc) };
}

async function* entries(store: ReadModelStore, collection: string, pageSize: number): AsyncGenerator<Entry> {
  let afterId: string | undefined;
  for (;;) {
    const page = await store.scan(collection, { ...(afterId === undefined ? {} : { afterId }), limit: pageSize });
    for (const stored of page) yield entry(stored);
    if (page.length < pageSize) return;
    afterId = page[page.length - 1].id;
  }
}

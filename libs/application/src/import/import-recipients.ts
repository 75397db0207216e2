import type { CommandContext, DomainError } from '@bansos/domain';
import type { EventStore } from '@bansos/eventstore';
import { bulkRegistrar, type BulkItem } from '../bulk-registration';
import { InputError } from '../input/input-error';
import type { InputContext } from '../input/person-input';
import { checkHeader, parseRecipientLine } from './recipient-csv';

export interface RejectedLine {
  readonly line: number;
  readonly code: string;
  readonly message: string;
}

export interface ImportReport {
  readonly accepted: number;
  readonly rejected: RejectedLine[];
}

export interface ImportOptions {
  readonly store: EventStore;
  readonly input: InputContext;
  /** Metadata for the command of one line (line numbers count from 1, the header is line 1). */
  readonly contextFor: (line: number) => CommandContext;
  readonly chunkSize?: number;
  readonly onProgress?: (linesDone: number, accepted: number) => void;
}

/**
 * Imports recipients from CSV lines. Lines are validated one by one and registered in
 * chunks; every line is accepted whole or rejected with its number and error code.
 */
export async function importRecipients(lines: AsyncIterable<string> | Iterable<string>, options: ImportOptions): Promise<ImportReport> {
  // Large chunks: each is one append, and event-store ids are stream ids in file order
  // (random), so each append rewrites index pages all over the file; bigger chunks write
  // each page fewer times.
  const chunkSize = options.chunkSize ?? 50_000;
  const register = bulkRegistrar(options.store);
  const rejected: RejectedLine[] = [];
  let accepted = 0;
  let lineNo = 0;
  let chunk: { line: number; item: BulkItem }[] = [];

  const flush = async () => {
    if (chunk.length === 0) return;
    const outcomes = await register(chunk.map((c) => c.item));
    outcomes.forEach((outcome, i) => {
      if (outcome.ok) accepted++;
      else rejected.push(toRejected(chunk[i].line, outcome.error));
    });
    chunk = [];
    options.onProgress?.(lineNo, accepted);
  };

  for await (const raw of lines) {
    lineNo++;
    if (lineNo === 1) {
      const problem = checkHeader(raw);
      if (problem) return { accepted: 0, rejected: [toRejected(1, problem.toDomainError())] };
      continue;
    }
    if (raw.trim() === '') continue;
    try {
      const command = parseRecipientLine(raw, options.input);
      chunk.push({ line: lineNo, item: { command, ctx: options.contextFor(lineNo) } });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      rejected.push(toRejected(lineNo, error.toDomainError()));
    }
    if (chunk.length >= chunkSize) await flush();
  }
  await flush();
  if (lineNo === 0) return { accepted: 0, rejected: [{ line: 1, code: 'EMPTY_FILE', message: 'The file is empty.' }] };
  rejected.sort((a, b) => a.line - b.line);
  return { accepted, rejected };
}

function toRejected(line: number, error: DomainError): RejectedLine {
  return { line, code: error.code, message: error.message };
}

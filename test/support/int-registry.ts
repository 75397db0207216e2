/**
 * Helpers for the integration tiers: temporary data directories, command contexts and
 * generated (valid) Banyuwangi NIKs and family cards, all in district Pesanggaran (351001).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SOURCES,
  type CommandContext,
  type FileReport,
  type Person,
  type Source,
  type StaffRole,
} from '@bansos/domain';
import { SqliteEventStore, WrongExpectedRevisionError, type EventStore, type RecordedEvent } from '@bansos/eventstore';

export const VILLAGE = '3510012001';
export const NOW = '2026-02-02T03:00:00.000Z';

/** A fresh directory under the OS temp dir, and a function that removes it. */
export function tempDir(prefix: string): { readonly dir: string; readonly remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `bansos-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A fresh embedded event store for each test of the enclosing describe, closed and removed
 * after it. Getters, since the store (and its file) change from test to test.
 */
export function freshEventStore(prefix: string): { store(): SqliteEventStore; file(): string } {
  let temp: ReturnType<typeof tempDir>;
  let store: SqliteEventStore;
  const file = () => join(temp.dir, 'events.sqlite');
  beforeEach(() => {
    temp = tempDir(prefix);
    store = SqliteEventStore.open(file());
  });
  afterEach(async () => {
    await store.close();
    temp.remove();
  });
  return { store: () => store, file };
}

const serial = (i: number): string => String(i).padStart(4, '0');

/** The i-th man born 12-03-1975 in Pesanggaran (serial i, 1-9999): a valid NIK. */
export const nikNo = (i: number): string => `351001120375${serial(i)}`;
/** The i-th family card of Pesanggaran (1-9999). */
export const kkNo = (i: number): string => `351001010120${serial(i)}`;

export function resident(nik: string, kk: string, fullName = 'BUDI SANTOSO', street = 'Jl. Raya Pesanggaran 12'): Person {
  return { nik, kk, fullName, address: { villageCode: VILLAGE, rt: '002', rw: '001', street } };
}

/** The sources in turn: PUSAT, PROVINSI, KABUPATEN, PUSAT, … */
export const sourceNo = (i: number): Source => SOURCES[i % SOURCES.length];

export function staff(commandId: string, role: StaffRole = 'operator', at = NOW): CommandContext {
  return {
    commandId,
    at,
    actor: { kind: 'staff', userId: `${role}-01`, role },
    correlationId: `cor-${commandId}`,
    causationId: null,
  };
}

export function citizen(commandId: string, at = NOW): CommandContext {
  return { commandId, at, actor: { kind: 'citizen' }, correlationId: `cor-${commandId}`, causationId: null };
}

/** A neighbour's report about `subject`, under `ticket`. */
export function reportAbout(subject: Person, ticket: string, at = NOW): FileReport {
  return {
    type: 'FileReport',
    ticket,
    subject,
    reporter: { kind: 'other', name: 'Pak RT Suparno', phone: '081234567890' },
    channel: 'ONLINE',
    reason: 'Suami meninggal, tidak ada penghasilan',
    at,
  };
}

/** Tickets as the API makes them: "BNS-" and 12 Crockford base-32 characters. */
export const ticketNo = (i: number): string => `BNS-${String(i).padStart(12, '0')}`;

export const ofType = (events: readonly RecordedEvent[], type: string): RecordedEvent[] =>
  events.filter((e) => e.type === type);

/**
 * Counts appends the store refused with a wrong expected revision: proof that the
 * concurrent writers really raced, and that the store, not luck, settled the race.
 */
export function countingConflicts<S extends EventStore>(store: S): { readonly store: S; conflicts: () => number } {
  let conflicts = 0;
  const appendBatch = store.appendBatch.bind(store);
  const counted = Object.assign(Object.create(store) as S, {
    appendBatch: async (...args: Parameters<EventStore['appendBatch']>) => {
      try {
        return await appendBatch(...args);
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError) conflicts++;
        throw error;
      }
    },
  });
  return { store: counted, conflicts: () => conflicts };
}

import { toAppend } from '@bansos/application';
import {
  householdStream,
  nikStream,
  reportStream,
  subjectStream,
  type CommandContext,
  type DomainEvent,
  type Person,
  type Program,
} from '@bansos/domain';
import { ANY, type EventStore, type StreamAppend } from '@bansos/eventstore';
import { kkAt, nikAt } from './recipients-csv';

/**
 * A deterministic log for the audit benchmark, with every projection given work: per two
 * blocks, 16 registrations (NikLinkedToHousehold + RecipientRegistered each), one report
 * auto-rejected on a household (ReportFiled + ReportAutoRejected) and one report about a new
 * person assessed eligible and paid (CaseOpened, ReportFiled, NikLinkedToHousehold,
 * RecipientRegistered, EligibilityAssessed, AidDisbursed): 40 events. The events are written
 * with the application's codec (ids, metadata, schema versions) but without running the
 * deciders, which are not what a replay measures.
 */
export const EVENTS_PER_PAIR = 40;
const PKH: Program = { code: 'PKH', name: 'Program Keluarga Harapan' };
const BLT: Program = { code: 'BLT-DD', name: 'BLT Dana Desa' };
const SOURCES = ['PUSAT', 'PROVINSI', 'KABUPATEN'] as const;
const DAY = 86_400_000;
const START = Date.parse('2025-01-01T01:00:00.000Z');

const ticketAt = (i: number) => `BNS-${String(i).padStart(12, '0')}`;
const person = (nik: string, kk: string, i: number): Person => ({
  nik,
  kk,
  fullName: ['BUDI SANTOSO', 'SITI AMINAH', 'AGUS WIBOWO', 'DEWI LESTARI'][i % 4],
  address: { villageCode: '3510012001', rt: String((i % 15) + 1).padStart(3, '0'), rw: '001', street: `Jl. Raya Pesanggaran ${i % 200}` },
});

function ctx(commandId: string, atMs: number, role: 'operator' | 'assessor' | 'disburser' | null): CommandContext {
  const actor = role ? ({ kind: 'staff', userId: `${role}-01`, role } as const) : ({ kind: 'citizen' } as const);
  return { commandId, at: new Date(atMs).toISOString(), actor, correlationId: commandId, causationId: null };
}

/** Appends for one command: each stream's events, ids and metadata as the application writes them. */
function command(c: CommandContext, writes: readonly (readonly [string, DomainEvent])[]): StreamAppend[] {
  return writes.map(([streamId, body], i) => ({ streamId, expected: ANY, events: [toAppend(body, c, streamId, i)] }));
}

function registration(i: number): { appends: StreamAppend[]; enrolmentEventId: string; recipient: Person } {
  const recipient = person(nikAt(i), kkAt(i), i);
  const c = ctx(`reg-${i}`, START + i * 1000, 'operator');
  const appends = command(c, [
    [nikStream(recipient.nik), { type: 'NikLinkedToHousehold', data: { nik: recipient.nik, kk: recipient.kk, linkedAt: c.at } }],
    [householdStream(recipient.kk), { type: 'RecipientRegistered', data: { ...recipient, program: PKH, source: SOURCES[i % 3], via: { kind: 'registration' }, registeredAt: c.at } }],
  ]);
  return { appends, enrolmentEventId: appends[1].events[0].id, recipient };
}

function autoRejected(n: number, household: { recipient: Person; enrolmentEventId: string; source: (typeof SOURCES)[number] }, atMs: number): StreamAppend[] {
  const ticket = ticketAt(n);
  const subject = person(nikAt(10_000_000 + n), household.recipient.kk, n);
  const c = ctx(`report-${n}`, atMs, null);
  return command(c, [
    [reportStream(ticket), { type: 'ReportFiled', data: { ticket, subject, reporter: { kind: 'self' }, channel: 'ONLINE', reason: 'Belum menerima bantuan', filedAt: c.at } }],
    [reportStream(ticket), { type: 'ReportAutoRejected', data: { ticket, match: 'household', kk: subject.kk, program: PKH, source: household.source, enrolmentEventId: household.enrolmentEventId, rejectedAt: c.at } }],
  ]);
}

function assessedAndPaid(n: number, atMs: number): StreamAppend[] {
  const ticket = ticketAt(n);
  const subject = person(nikAt(20_000_000 + n), `35100199${String(n).padStart(8, '0')}`, n);
  const filed = ctx(`report-${n}`, atMs, null);
  const assessed = ctx(`assess-${n}`, atMs + DAY, 'assessor');
  const paid = ctx(`pay-${n}`, atMs + 3 * DAY, 'disburser');
  const deadline = new Date(atMs + 8 * DAY).toISOString();
  return [
    ...command(filed, [
      [subjectStream(subject.nik), { type: 'CaseOpened', data: { ticket, openedAt: filed.at } }],
      [reportStream(ticket), { type: 'ReportFiled', data: { ticket, subject, reporter: { kind: 'other', name: 'Tetangga' }, channel: 'ONLINE', reason: 'Tidak ada penghasilan', filedAt: filed.at } }],
    ]),
    ...command(assessed, [
      [nikStream(subject.nik), { type: 'NikLinkedToHousehold', data: { nik: subject.nik, kk: subject.kk, linkedAt: assessed.at } }],
      [householdStream(subject.kk), { type: 'RecipientRegistered', data: { ...subject, program: BLT, source: 'KABUPATEN', via: { kind: 'assessment', ticket }, registeredAt: assessed.at } }],
      [reportStream(ticket), { type: 'EligibilityAssessed', data: { ticket, eligible: true, reason: 'Janda tanpa penghasilan tetap', assessedBy: 'assessor-01', assessedAt: assessed.at, program: BLT, source: 'KABUPATEN', disbursementDeadline: deadline } }],
    ]),
    ...command(paid, [
      [reportStream(ticket), { type: 'AidDisbursed', data: { ticket, amount: 600000, method: 'CASH', reference: `KW-${n}`, disbursedBy: 'disburser-01', disbursedAt: paid.at } }],
    ]),
  ];
}

/** Writes `pairs` × 40 events, in batches of about 20,000 events per transaction. */
export async function writeAuditLog(store: EventStore, pairs: number, onProgress?: (events: number) => void): Promise<number> {
  let batch: StreamAppend[] = [];
  let inBatch = 0;
  let written = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await store.appendBatch(batch);
    written += inBatch;
    onProgress?.(written);
    batch = [];
    inBatch = 0;
  };
  for (let p = 0; p < pairs; p++) {
    for (let half = 0; half < 2; half++) {
      const block = p * 2 + half;
      let last: ReturnType<typeof registration> | null = null;
      for (let r = 0; r < 8; r++) {
        last = registration(block * 8 + r);
        batch.push(...last.appends);
      }
      const at = START + (block * 8 + 8) * 1000;
      const report = half === 0 && last
        ? autoRejected(block, { ...last, source: SOURCES[(block * 8 + 7) % 3] }, at)
        : assessedAndPaid(block, at);
      batch.push(...report);
      inBatch += half === 0 ? 18 : 22;
    }
    if (inBatch >= 20_000) await flush();
  }
  await flush();
  return written;
}

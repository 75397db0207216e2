import { toAppend } from '@bansos/application';
import { addDays, reportStream, type CommandContext, type DomainEvent } from '@bansos/domain';
import { NO_STREAM, type EventStore, type StreamAppend } from '@bansos/eventstore';

/**
 * The log of the SLA benchmark: N eligible cases, nobody paid yet. Each case is a report
 * filed and assessed eligible (two events in report-<ticket>), in one of Banyuwangi's 25
 * districts. Eligibility times are spread evenly over 4.9 days from T0, so that right
 * after the last one no case is at risk yet (the first threshold is T0 + 5 days) and
 * all N are open.
 */
export const BENCH_T0 = Date.parse('2026-03-02T01:00:00.000Z');
const DAY = 86_400_000;
export const SPREAD_MS = 4.9 * DAY;
const CASES_PER_BATCH = 2500;

export const eligibleAtOf = (i: number, n: number): number => BENCH_T0 + Math.floor((i * SPREAD_MS) / n);
export const ticketOf = (i: number): string => `BNS-${i.toString(32).toUpperCase().padStart(12, '0')}`;

/** How many of the N cases have their at-risk threshold (deadline - 48 h) at or before `at`. */
export function atRiskBy(at: number, n: number): number {
  let count = 0;
  for (let i = 0; i < n; i++) if (eligibleAtOf(i, n) + 5 * DAY <= at) count++;
  return count;
}

function caseEvents(i: number, n: number): DomainEvent[] {
  const ticket = ticketOf(i);
  const district = String((i % 25) + 1).padStart(2, '0');
  const serial = String((i % 9999) + 1).padStart(4, '0');
  const eligibleAt = new Date(eligibleAtOf(i, n)).toISOString();
  const subject = {
    nik: `3510${district}4506900${serial.slice(1)}`,
    kk: `3510${district}02022${String(i % 100000).padStart(5, '0')}`,
    fullName: 'SITI AMINAH',
    address: { villageCode: `3510${district}2001`, rt: '003', rw: '001', street: 'Jl. Mawar 1' },
  };
  return [
    {
      type: 'ReportFiled',
      data: { ticket, subject, reporter: { kind: 'self' }, channel: 'ONLINE', reason: 'Belum menerima bantuan', filedAt: addDays(eligibleAt, -1) },
    },
    {
      type: 'EligibilityAssessed',
      data: {
        ticket,
        eligible: true,
        reason: 'Janda tanpa penghasilan tetap',
        assessedBy: 'tim-verif-01',
        assessedAt: eligibleAt,
        program: { code: 'BLT-DD', name: 'BLT Dana Desa' },
        source: 'KABUPATEN',
        disbursementDeadline: addDays(eligibleAt, 7),
      },
    },
  ];
}

/** Appends the N cases through the EventStore port, a few thousand streams per transaction. */
export async function writeCases(events: EventStore, n: number, onProgress: (done: number) => void): Promise<void> {
  for (let start = 0; start < n; start += CASES_PER_BATCH) {
    const appends: StreamAppend[] = [];
    for (let i = start; i < Math.min(n, start + CASES_PER_BATCH); i++) {
      const streamId = reportStream(ticketOf(i));
      const ctx: CommandContext = {
        commandId: `bench-sla-${i}`,
        at: new Date(eligibleAtOf(i, n)).toISOString(),
        actor: { kind: 'staff', userId: 'tim-verif-01', role: 'assessor' },
        correlationId: `bench-sla-${i}`,
        causationId: null,
      };
      appends.push({ streamId, expected: NO_STREAM, events: caseEvents(i, n).map((e, index) => toAppend(e, ctx, streamId, index)) });
    }
    await events.appendBatch(appends);
    onProgress(Math.min(n, start + CASES_PER_BATCH));
  }
}

/**
 * Feed events as the SLA side receives them (stored, with positions and revisions), about
 * cases in Banyuwangi: district Pesanggaran (351001) unless told otherwise.
 */
import {
  reportStream,
  SLA_ALERT_KIND,
  SLA_EVENT_TYPE,
  slaStream,
  type EventMetadata,
  type ReportEvent,
  type SlaAlertKind,
  type SlaEvent,
  type StoredEvent,
} from '@bansos/domain';
import type { SlaFeedEvent } from '../codec';

export const DAY = 24 * 60 * 60 * 1000;
export const HOUR = 60 * 60 * 1000;
export const SECOND = 1000;
/** 08:00 WIB on a Monday. */
export const T0 = Date.parse('2026-03-02T01:00:00.000Z');
export const PESANGGARAN = '3510012001';
export const GENTENG = '3510100001';

const iso = (ms: number): string => new Date(ms).toISOString();

let nextPosition = 1;

function stored(body: ReportEvent | SlaEvent, streamId: string, revision: number, position?: number): SlaFeedEvent {
  const at = nextPosition++;
  const metadata: EventMetadata = {
    eventId: `evt-${position ?? at}`,
    schemaVersion: 1,
    occurredAt: '2026-03-02T01:00:00.000Z',
    actor: { kind: 'system', name: 'test' },
    correlationId: `cor-${position ?? at}`,
    causationId: null,
  };
  const envelope: Omit<StoredEvent, 'type' | 'data'> = {
    metadata,
    streamId,
    position: BigInt(position ?? at),
    revision: BigInt(revision),
  };
  return { ...body, ...envelope } as SlaFeedEvent;
}

export function filed(ticket: string, villageCode = PESANGGARAN): SlaFeedEvent {
  const subject = { nik: '3510014506900001', kk: '3510010202200002', fullName: 'SITI AMINAH', address: { villageCode, rt: '003', rw: '001', street: 'Jl. Mawar 1' } };
  return stored(
    { type: 'ReportFiled', data: { ticket, subject, reporter: { kind: 'self' }, channel: 'ONLINE', reason: 'Belum menerima bantuan', filedAt: iso(T0 - HOUR) } },
    reportStream(ticket),
    0,
  );
}

export function autoRejected(ticket: string): SlaFeedEvent {
  const data = { ticket, match: 'household', kk: '3510010202200002', program: { code: 'PKH', name: 'Program Keluarga Harapan' }, source: 'PUSAT', enrolmentEventId: 'evt-0', rejectedAt: iso(T0 - HOUR) } as const;
  return stored({ type: 'ReportAutoRejected', data }, reportStream(ticket), 1);
}

export function assessed(ticket: string, at: number, eligible = true): SlaFeedEvent {
  const payer = eligible ? { program: { code: 'BLT-DD', name: 'BLT Dana Desa' }, source: 'KABUPATEN' as const } : null;
  return stored(
    {
      type: 'EligibilityAssessed',
      data: {
        ticket,
        eligible,
        reason: eligible ? 'Janda tanpa penghasilan tetap' : 'Berpenghasilan tetap',
        assessedBy: 'tim-verif-01',
        assessedAt: iso(at),
        program: payer?.program ?? null,
        source: payer?.source ?? null,
        disbursementDeadline: eligible ? iso(at + 7 * DAY) : null,
      },
    },
    reportStream(ticket),
    1,
  );
}

export function disbursed(ticket: string, at: number): SlaFeedEvent {
  return stored(
    { type: 'AidDisbursed', data: { ticket, amount: 600000, method: 'CASH', reference: 'KW-001', disbursedBy: 'kasir-01', disbursedAt: iso(at) } },
    reportStream(ticket),
    2,
  );
}

/** An alert as stored in sla-<ticket> at `revision` (raised a second past the deadline unless told). */
export function alert(
  kind: SlaAlertKind,
  ticket: string,
  revision: number,
  options: { readonly eligibleAt?: number; readonly district?: string; readonly raisedAt?: number } = {},
): SlaFeedEvent {
  const eligibleAt = options.eligibleAt ?? T0;
  const deadline = eligibleAt + 7 * DAY;
  const raisedAt = options.raisedAt ?? deadline + SECOND;
  const data = {
    ticket,
    district: options.district ?? '351001',
    eligibleAt: iso(eligibleAt),
    deadline: iso(deadline),
    dueAt: iso(deadline),
    raisedAt: iso(raisedAt),
    disbursedAt: null,
    lateByMs: raisedAt - deadline,
  };
  return stored({ type: SLA_EVENT_TYPE[kind], data } as SlaEvent, slaStream(ticket), revision);
}

export const kindOf = (event: SlaEvent): SlaAlertKind => SLA_ALERT_KIND[event.type];

/**
 * Events as the projections receive them (stored, with metadata and positions), and the
 * Banyuwangi test data they carry: the Santoso family of Pesanggaran (351001).
 */
import {
  householdStream,
  nikStream,
  reportStream,
  subjectStream,
  type DomainEvent,
  type EventMetadata,
  type Person,
  type Program,
  type StoredEvent,
} from '@bansos/domain';
import type { ProjectedEvent } from '../projections/projection';

export const KK_SANTOSO = '3510010101200001';
const DUSUN_KRAJAN = { villageCode: '3510012001', rt: '002', rw: '001', street: 'Dusun Krajan' };
const santoso = (nik: string, fullName: string): Person => ({ nik, kk: KK_SANTOSO, fullName, address: DUSUN_KRAJAN });
export const FATHER = santoso('3510011203750002', 'BUDI SANTOSO');
export const MOTHER = santoso('3510014506900001', 'KARTINI RAHAYU');
export const SON = santoso('3510011508100003', 'ADITYA PRATAMA');
export const PKH: Program = { code: 'PKH', name: 'Program Keluarga Harapan' };
export const BLT_DD: Program = { code: 'BLT-DD', name: 'Bantuan Langsung Tunai Dana Desa' };
export const TICKET = 'LPR-20260101-0001';

function streamOf(event: DomainEvent): string {
  switch (event.type) {
    case 'RecipientRegistered':
    case 'RecipientWithdrawn':
      return householdStream(event.data.kk);
    case 'NikLinkedToHousehold':
      return nikStream(event.data.nik);
    case 'CaseOpened':
      return subjectStream(SON.nik);
    default:
      return reportStream(event.data.ticket);
  }
}

/** Wraps an event body as it comes out of the store, at a global position. */
export function stored(event: DomainEvent, position: number): ProjectedEvent {
  const metadata: EventMetadata = {
    eventId: `evt-${position}`,
    schemaVersion: 1,
    occurredAt: '2026-01-01T00:00:00.000Z',
    actor: { kind: 'staff', userId: 'operator-desa-01', role: 'operator' },
    correlationId: `cor-${position}`,
    causationId: null,
  };
  const envelope: Omit<StoredEvent, 'type' | 'data'> = {
    metadata,
    streamId: streamOf(event),
    position: BigInt(position),
    revision: 0n,
  };
  return { ...event, ...envelope };
}

/** Every event type once, for "ignores other events" and "applied twice" tables. */
export function oneOfEach(): ProjectedEvent[] {
  const enrolled = { program: PKH, source: 'PUSAT', via: { kind: 'registration' } } as const;
  const bodies: DomainEvent[] = [
    { type: 'NikLinkedToHousehold', data: { nik: FATHER.nik, kk: KK_SANTOSO, linkedAt: '2026-01-05T02:00:00.000Z' } },
    { type: 'RecipientRegistered', data: { ...FATHER, ...enrolled, registeredAt: '2026-01-05T02:00:00.000Z' } },
    {
      type: 'RecipientWithdrawn',
      data: { nik: FATHER.nik, kk: KK_SANTOSO, reason: 'Pindah domisili', withdrawnAt: '2026-03-01T01:00:00.000Z' },
    },
    {
      type: 'ReportFiled',
      data: {
        ticket: TICKET,
        subject: SON,
        reporter: { kind: 'self' },
        channel: 'ONLINE',
        reason: 'Ayah kehilangan pekerjaan',
        filedAt: '2026-01-01T01:30:00.000Z',
      },
    },
    {
      type: 'ReportAutoRejected',
      data: {
        ticket: TICKET,
        match: 'household',
        kk: KK_SANTOSO,
        program: PKH,
        source: 'PUSAT',
        enrolmentEventId: 'evt-2',
        rejectedAt: '2026-01-01T01:30:00.000Z',
      },
    },
    {
      type: 'EligibilityAssessed',
      data: {
        ticket: TICKET,
        eligible: true,
        reason: 'Tidak berpenghasilan tetap',
        assessedBy: 'assessor-dinsos-01',
        assessedAt: '2026-01-01T03:00:00.000Z',
        program: BLT_DD,
        source: 'KABUPATEN',
        disbursementDeadline: '2026-01-08T03:00:00.000Z',
      },
    },
    {
      type: 'AidDisbursed',
      data: {
        ticket: TICKET,
        amount: 600000,
        method: 'TRANSFER_BANK',
        reference: 'BRI-0098812',
        disbursedBy: 'petugas-bank-03',
        disbursedAt: '2026-01-06T04:00:00.000Z',
      },
    },
    { type: 'CaseOpened', data: { ticket: TICKET, openedAt: '2026-01-01T01:30:00.000Z' } },
  ];
  return bodies.map((body, i) => stored(body, i + 1));
}

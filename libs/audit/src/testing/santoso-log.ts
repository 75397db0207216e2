/**
 * A small but complete log, written through the application's own command functions:
 * Budi enrolled (PUSAT), his son's report auto-rejected on the household, Siti reported,
 * assessed eligible at a later hour and paid, and one audit read.
 */
import { assessEligibility, fileReport, recordDisbursement, registerRecipient } from '@bansos/application';
import type { EventStore } from '@bansos/eventstore';
import { citizen, kkNo, nikNo, reportAbout, resident, staff, ticketNo } from '../../../../test/support/int-registry';
import { recordAuditRead } from '../record-view';

export const PKH = { code: 'PKH', name: 'Program Keluarga Harapan' };
export const BLT_DD = { code: 'BLT-DD', name: 'BLT Dana Desa' };
export const FATHER = resident(nikNo(1), kkNo(1), 'BUDI SANTOSO');
export const SON = resident(nikNo(2), kkNo(1), 'AGUS SANTOSO');
export const WIDOW = resident(nikNo(3), kkNo(2), 'SITI AMINAH', 'Jl. Mawar 1');
export const SON_TICKET = ticketNo(1);
export const WIDOW_TICKET = ticketNo(2);
/** Siti's report is filed at FILED_AT and assessed at ASSESSED_AT. */
export const FILED_AT = '2026-02-02T03:00:00.000Z';
export const ASSESSED_AT = '2026-02-03T03:00:00.000Z';
export const PAID_AT = '2026-02-05T03:00:00.000Z';

export async function writeSantosoLog(store: EventStore): Promise<void> {
  const ok = <T>(outcome: { ok: boolean; error?: unknown; value?: T }) => {
    if (!outcome.ok) throw new Error(`command refused: ${JSON.stringify(outcome.error)}`);
  };
  ok(await registerRecipient(store, { person: FATHER, program: PKH, source: 'PUSAT' }, staff('reg-father', 'operator', FILED_AT)));
  ok(await fileReport(store, reportAbout(SON, SON_TICKET, FILED_AT), citizen('report-son', FILED_AT)));
  ok(await fileReport(store, reportAbout(WIDOW, WIDOW_TICKET, FILED_AT), citizen('report-widow', FILED_AT)));
  ok(
    await assessEligibility(
      store,
      {
        type: 'AssessEligibility',
        ticket: WIDOW_TICKET,
        eligible: true,
        reason: 'Janda tanpa penghasilan tetap',
        payer: { program: BLT_DD, source: 'KABUPATEN' },
        assessedBy: 'assessor-01',
        at: ASSESSED_AT,
      },
      staff('assess-widow', 'assessor', ASSESSED_AT),
    ),
  );
  ok(
    await recordDisbursement(
      store,
      { type: 'RecordDisbursement', ticket: WIDOW_TICKET, amount: 600000, method: 'CASH', reference: 'KW-001', disbursedBy: 'disburser-01', at: PAID_AT },
      staff('pay-widow', 'disburser', PAID_AT),
    ),
  );
  await recordAuditRead(store, { record: { kind: 'nik', nik: WIDOW.nik }, view: 'history', asOf: null }, staff('read-widow', 'auditor', PAID_AT));
}

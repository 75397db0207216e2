/** Reports about the Santoso family's son, filed by a neighbour through the village office. */
import type { EnrolmentMatch } from '../registry/enrolment';
import type { Program, Source } from '../registry/registry.types';
import type { AssessEligibility, FileReport, RecordDisbursement } from '../reports/report.decider';
import type { AidDisbursed, EligibilityAssessed, ReportAutoRejected, ReportFiled } from '../reports/report.events';
import { KK_SANTOSO, PKH, SON } from './fixtures';

export const TICKET = 'LPR-20260101-0001';
export const FILED_AT = '2026-01-01T01:30:00.000Z';
export const ASSESSED_AT = '2026-01-01T03:00:00.000Z';
export const DISBURSED_AT = '2026-01-06T04:00:00.000Z';
const PAYER: { readonly program: Program; readonly source: Source } = { program: PKH, source: 'KABUPATEN' };

export const fileReport = (ticket = TICKET): FileReport => ({
  type: 'FileReport',
  ticket,
  subject: SON,
  reporter: { kind: 'other', name: 'Pak RT Suparno', phone: '081234567890' },
  channel: 'DESA',
  reason: 'Orang tua kehilangan pekerjaan sejak pandemi',
  at: FILED_AT,
});

export const reportFiled = (ticket = TICKET): ReportFiled => {
  const { subject, reporter, channel, reason, at } = fileReport(ticket);
  return { type: 'ReportFiled', data: { ticket, subject, reporter, channel, reason, filedAt: at } };
};

/** The father's central enrolment, found by stage 1 for his son. */
export const householdMatch: EnrolmentMatch = {
  match: 'household',
  kk: KK_SANTOSO,
  program: PKH,
  source: 'PUSAT',
  enrolmentEventId: 'evt-father-registered',
};

export const autoRejected = (match: EnrolmentMatch = householdMatch, ticket = TICKET): ReportAutoRejected => ({
  type: 'ReportAutoRejected',
  data: { ticket, ...match, rejectedAt: FILED_AT },
});

type PayerOrNone = AssessEligibility['payer'];
export const assess = (eligible: boolean, payer: PayerOrNone = eligible ? PAYER : null): AssessEligibility => ({
  type: 'AssessEligibility',
  ticket: TICKET,
  eligible,
  reason: eligible ? 'Tidak berpenghasilan tetap, 5 tanggungan' : 'Berpenghasilan di atas UMK',
  payer,
  assessedBy: 'assessor-dinsos-01',
  at: ASSESSED_AT,
});

export const eligibilityAssessed = (eligible: boolean, ticket = TICKET): EligibilityAssessed => {
  const { reason, assessedBy, at } = assess(eligible);
  return {
    type: 'EligibilityAssessed',
    data: {
      ticket,
      eligible,
      reason,
      assessedBy,
      assessedAt: at,
      program: eligible ? PAYER.program : null,
      source: eligible ? PAYER.source : null,
      disbursementDeadline: eligible ? '2026-01-08T03:00:00.000Z' : null,
    },
  };
};

export const recordDisbursement = (): RecordDisbursement => ({
  type: 'RecordDisbursement',
  ticket: TICKET,
  amount: 600000,
  method: 'TRANSFER_BANK',
  reference: 'BRI-0098812',
  disbursedBy: 'petugas-bank-03',
  at: DISBURSED_AT,
});

export const aidDisbursed = (ticket = TICKET): AidDisbursed => {
  const { amount, method, reference, disbursedBy, at } = recordDisbursement();
  return { type: 'AidDisbursed', data: { ticket, amount, method, reference, disbursedBy, disbursedAt: at } };
};

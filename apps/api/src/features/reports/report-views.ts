import { toWib } from '@bansos/domain';
import type { ReportDocument } from '@bansos/read-models';

const STATUS_TEXT: Record<ReportDocument['status'], string> = {
  awaiting_assessment: 'Laporan diterima dan menunggu penilaian kelayakan oleh tim verifikasi.',
  auto_rejected: 'Laporan ditolak otomatis: orang ini atau keluarganya (KK) sudah menerima bansos.',
  not_eligible: 'Hasil penilaian: belum memenuhi syarat kelayakan.',
  eligible: 'Hasil penilaian: layak. Bantuan akan disalurkan paling lambat 7 hari.',
  disbursed: 'Bantuan sudah disalurkan.',
};

/** What anyone holding the ticket may see: status and dates, the name masked, no address or NIK. */
export function publicReportView(doc: ReportDocument) {
  const decision = doc.decision as { eligible?: boolean; disbursementDeadline?: string | null; program?: unknown; source?: unknown } | null;
  const disbursement = doc.disbursement as { disbursedAt?: string } | null;
  const rejection = doc.autoRejection as { match?: string; program?: unknown; source?: unknown } | null;
  return {
    ticket: doc.ticket,
    status: doc.status,
    statusText: STATUS_TEXT[doc.status],
    name: doc.maskedName,
    filedAt: toWib(doc.filedAt),
    updatedAt: toWib(doc.updatedAt),
    ...(rejection ? { autoRejection: { match: rejection.match, program: rejection.program, source: rejection.source } } : {}),
    ...(decision
      ? {
          decision: {
            eligible: decision.eligible,
            program: decision.program ?? null,
            source: decision.source ?? null,
            disbursementDeadline: decision.disbursementDeadline ? toWib(decision.disbursementDeadline) : null,
          },
        }
      : {}),
    ...(disbursement?.disbursedAt ? { disbursedAt: toWib(disbursement.disbursedAt) } : {}),
  };
}

/** The staff worklist entry: everything an assessor needs, times in WIB. */
export function staffReportView(doc: ReportDocument) {
  return { ...doc, filedAt: toWib(doc.filedAt), updatedAt: toWib(doc.updatedAt) };
}

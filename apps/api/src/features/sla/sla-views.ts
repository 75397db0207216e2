import { toWib } from '@bansos/domain';
import type { DurationStats, SlaAlertDocument, SlaMonitorStatus, SlaSummary } from '@bansos/sla';

const HOUR_MS = 3_600_000;
const hours = (ms: number | null): number | null => (ms === null ? null : Math.round((ms / HOUR_MS) * 10) / 10);

/** An alert as ops see it: times in WIB, lateness also in hours. */
export function alertView(doc: SlaAlertDocument) {
  return {
    ticket: doc.ticket,
    status: doc.status,
    district: doc.district,
    eligibleAt: toWib(doc.eligibleAt),
    deadline: toWib(doc.deadline),
    dueAt: toWib(doc.dueAt),
    raisedAt: toWib(doc.raisedAt),
    disbursedAt: doc.disbursedAt === null ? null : toWib(doc.disbursedAt),
    lateByMs: doc.lateByMs,
    lateByHours: hours(doc.lateByMs),
  };
}

function durationView(stats: DurationStats) {
  return { ...stats, medianHours: hours(stats.medianMs), p95Hours: hours(stats.p95Ms) };
}

export function summaryView(summary: SlaSummary, at: Date, settings: { slaDays: number; atRiskHours: number }, monitor: SlaMonitorStatus | null) {
  return {
    asOf: toWib(at.toISOString()),
    slaDays: settings.slaDays,
    atRiskHours: settings.atRiskHours,
    // Whether the numbers are current: a monitor still replaying history has not raised everything yet.
    // Null where the monitor is a process of its own (production): its /health/ready tells.
    monitor: monitor ? { phase: monitor.phase, cases: monitor.cases } : null,
    totals: summary.totals,
    timeToDisbursement: durationView(summary.timeToDisbursement),
    districts: summary.districts.map((d) => ({ ...d, timeToDisbursement: durationView(d.timeToDisbursement) })),
  };
}

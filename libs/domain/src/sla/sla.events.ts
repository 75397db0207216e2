import type { EventBody } from '../shared/metadata';

/**
 * Alerts of the disbursement SLA monitor. Judging a case late, or paid in time, is a
 * decision like any other: the alerts are domain events, so they enter the audit history,
 * feed the alerts read model, and a rebuild from the log gives back the same alerts.
 */
export const SLA_ALERT_KINDS = ['AT_RISK', 'BREACHED', 'RESOLVED_LATE', 'RESOLVED'] as const;
export type SlaAlertKind = (typeof SLA_ALERT_KINDS)[number];

export interface SlaAlertData {
  readonly ticket: string;
  /** Kecamatan code (first 6 digits of the subject's village code); null if the report was never seen. */
  readonly district: string | null;
  readonly eligibleAt: string;
  readonly deadline: string;
  /** When the condition began: the at-risk threshold, the deadline, or the disbursement. */
  readonly dueAt: string;
  readonly raisedAt: string;
  readonly disbursedAt: string | null;
  /**
   * How late the case is, in milliseconds (negative: time still left). Resolutions measure
   * at the disbursement; AT_RISK and BREACHED at the moment they are raised.
   */
  readonly lateByMs: number;
}

export type SlaAtRiskFlagged = EventBody<'SlaAtRiskFlagged', SlaAlertData>;
export type SlaBreached = EventBody<'SlaBreached', SlaAlertData>;
export type SlaResolvedLate = EventBody<'SlaResolvedLate', SlaAlertData>;
export type SlaResolved = EventBody<'SlaResolved', SlaAlertData>;

export type SlaEvent = SlaAtRiskFlagged | SlaBreached | SlaResolvedLate | SlaResolved;
export type SlaEventType = SlaEvent['type'];

export const SLA_EVENT_TYPE: Readonly<Record<SlaAlertKind, SlaEventType>> = {
  AT_RISK: 'SlaAtRiskFlagged',
  BREACHED: 'SlaBreached',
  RESOLVED_LATE: 'SlaResolvedLate',
  RESOLVED: 'SlaResolved',
};

export const SLA_ALERT_KIND: Readonly<Record<SlaEventType, SlaAlertKind>> = {
  SlaAtRiskFlagged: 'AT_RISK',
  SlaBreached: 'BREACHED',
  SlaResolvedLate: 'RESOLVED_LATE',
  SlaResolved: 'RESOLVED',
};

export const SLA_SCHEMA_VERSION: Readonly<Record<SlaEventType, number>> = {
  SlaAtRiskFlagged: 1,
  SlaBreached: 1,
  SlaResolvedLate: 1,
  SlaResolved: 1,
};

export function isSlaEventType(type: string): type is SlaEventType {
  return Object.prototype.hasOwnProperty.call(SLA_SCHEMA_VERSION, type);
}

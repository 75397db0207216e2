import { DISBURSEMENT_SLA_DAYS } from '@bansos/domain';

/** Settings of the SLA monitor, from the environment (see README, "SLA monitor"). */
export interface SlaConfig {
  /** SLA_DAYS: aid is due this many days after the eligible decision. */
  readonly slaDays: number;
  /** SLA_AT_RISK_HOURS: AT_RISK is raised this long before the deadline. */
  readonly atRiskHours: number;
  /** SLA_CHECK_INTERVAL_MS: how often the deadline index is checked. */
  readonly checkIntervalMs: number;
}

export const DEFAULT_SLA_CONFIG: SlaConfig = {
  slaDays: DISBURSEMENT_SLA_DAYS,
  atRiskHours: 48,
  checkIntervalMs: 10_000,
};

/** The part of the configuration the pure SLA rules need, in milliseconds. */
export interface SlaPolicy {
  readonly slaMs: number;
  readonly atRiskMs: number;
}

const HOUR_MS = 60 * 60 * 1000;

export function slaPolicy(config: SlaConfig): SlaPolicy {
  return { slaMs: config.slaDays * 24 * HOUR_MS, atRiskMs: config.atRiskHours * HOUR_MS };
}

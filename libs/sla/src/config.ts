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

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads and checks the SLA settings. Problems are returned, not thrown, so the caller
 * reports them together with its own (one line per problem) and stops the start.
 */
export function readSlaConfig(env: Env = process.env): { readonly config: SlaConfig; readonly problems: readonly string[] } {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const slaDays = int('SLA_DAYS', DEFAULT_SLA_CONFIG.slaDays, 1, 365);
  // The warning must come before the deadline, or it would never be a warning.
  const atRiskHours = int('SLA_AT_RISK_HOURS', DEFAULT_SLA_CONFIG.atRiskHours, 0, slaDays * 24 - 1);
  const checkIntervalMs = int('SLA_CHECK_INTERVAL_MS', DEFAULT_SLA_CONFIG.checkIntervalMs, 10, 3_600_000);
  return { config: { slaDays, atRiskHours, checkIntervalMs }, problems };
}

import { DEFAULT_SLA_CONFIG, type SlaConfig } from '@bansos/sla';
import { EnvReader, type Env } from './env-reader';

/** SLA_DAYS, SLA_AT_RISK_HOURS and SLA_CHECK_INTERVAL_MS; problems go to the reader's list. */
export function readSlaConfig(read: EnvReader): SlaConfig {
  const slaDays = read.int('SLA_DAYS', DEFAULT_SLA_CONFIG.slaDays, 1, 365);
  // The warning must come before the deadline, or it would never be a warning.
  const atRiskHours = read.int('SLA_AT_RISK_HOURS', DEFAULT_SLA_CONFIG.atRiskHours, 0, slaDays * 24 - 1);
  const checkIntervalMs = read.int('SLA_CHECK_INTERVAL_MS', DEFAULT_SLA_CONFIG.checkIntervalMs, 10, 3_600_000);
  return { slaDays, atRiskHours, checkIntervalMs };
}

/** The SLA settings alone (the embedded default); a wrong value stops the start like any other. */
export function slaConfigFrom(env: Env = process.env): SlaConfig {
  const read = new EnvReader(env);
  const config = readSlaConfig(read);
  read.done();
  return config;
}

import { DEFAULT_SLA_CONFIG, slaPolicy } from '@bansos/sla';
import { EnvReader, type Env } from './env-reader';
import { readSlaConfig as readInto } from './sla-config';

/** The config and the problems of one environment. */
function readSlaConfig(env: Env) {
  const read = new EnvReader(env);
  const config = readInto(read);
  return { config, problems: read.problems };
}

describe('SLA configuration', () => {
  it('defaults to the SOP: 7 days, AT_RISK 48 hours before, checked every 10 seconds', () => {
    expect(readSlaConfig({})).toEqual({ config: { slaDays: 7, atRiskHours: 48, checkIntervalMs: 10_000 }, problems: [] });
    expect(DEFAULT_SLA_CONFIG).toEqual(readSlaConfig({}).config);
  });

  it('reads SLA_DAYS, SLA_AT_RISK_HOURS and SLA_CHECK_INTERVAL_MS', () => {
    const env = { SLA_DAYS: '3', SLA_AT_RISK_HOURS: '12', SLA_CHECK_INTERVAL_MS: '500' };
    expect(readSlaConfig(env)).toEqual({ config: { slaDays: 3, atRiskHours: 12, checkIntervalMs: 500 }, problems: [] });
  });

  it('reports every bad value, one line each, and names the variable', () => {
    const { problems } = readSlaConfig({ SLA_DAYS: 'seven', SLA_AT_RISK_HOURS: '-1', SLA_CHECK_INTERVAL_MS: '1.5' });
    expect(problems).toEqual([
      'SLA_DAYS must be a whole number from 1 to 365 (got "seven")',
      'SLA_AT_RISK_HOURS must be a whole number from 0 to 167 (got "-1")',
      'SLA_CHECK_INTERVAL_MS must be a whole number from 10 to 3600000 (got "1.5")',
    ]);
  });

  it('refuses a warning that would come at or after the deadline', () => {
    expect(readSlaConfig({ SLA_DAYS: '2', SLA_AT_RISK_HOURS: '48' }).problems).toEqual([
      'SLA_AT_RISK_HOURS must be a whole number from 0 to 47 (got "48")',
    ]);
  });

  it('gives the pure rules milliseconds', () => {
    expect(slaPolicy({ slaDays: 7, atRiskHours: 48, checkIntervalMs: 1 })).toEqual({ slaMs: 604_800_000, atRiskMs: 172_800_000 });
  });
});

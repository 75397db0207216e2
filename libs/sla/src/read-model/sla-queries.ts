import type { SlaAlertKind } from '@bansos/domain';
import type { FieldValue, FindQuery, ReadModelStore } from '@bansos/read-models';
import { SLA_ALERTS, type SlaAlertDocument } from './sla-alerts.projection';
import { OPEN_STATES, SLA_CASES, SLA_DISTRICTS, type SlaCaseDocument } from './sla-cases.projection';

export interface AlertQuery {
  readonly status?: SlaAlertKind;
  readonly district?: string;
  /** UTC ISO-8601 with milliseconds, as raisedAt is stored. */
  readonly since?: string;
  readonly page: number;
  readonly pageSize: number;
}

export interface AlertPage {
  readonly total: number;
  readonly items: SlaAlertDocument[];
}

const NEWEST_FIRST = { field: 'raisedAt', direction: 'desc' } as const;

/** Alerts, newest first, filtered and paged. */
export async function findAlerts(store: ReadModelStore, query: AlertQuery): Promise<AlertPage> {
  const where: Record<string, FieldValue> = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.district ? { district: query.district } : {}),
  };
  const offset = (query.page - 1) * query.pageSize;
  const find = (limit: number, at: number) => store.find(SLA_ALERTS, { where, orderBy: NEWEST_FIRST, limit, offset: at });
  if (query.since === undefined) {
    const page = await find(query.pageSize, offset);
    return { total: page.total, items: page.items.map((i) => i.doc as SlaAlertDocument) };
  }
  const total = await countSince(find, query.since);
  if (offset >= total) return { total, items: [] };
  const page = await find(Math.min(query.pageSize, total - offset), offset);
  return { total, items: page.items.map((i) => i.doc as SlaAlertDocument) };
}

/**
 * How many alerts were raised at or after `since`. The store filters on equality only,
 * but newest first, the alerts since a moment are a prefix of the order: its length is
 * found by binary search on the offset, about log2(n) one-row finds, not a scan.
 */
async function countSince(
  find: (limit: number, offset: number) => ReturnType<ReadModelStore['find']>,
  since: string,
): Promise<number> {
  let low = 0;
  let high = (await find(0, 0)).total;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    const item = (await find(1, mid)).items[0];
    if (item && (item.doc as SlaAlertDocument).raisedAt >= since) low = mid + 1;
    else high = mid;
  }
  return low;
}

export interface DurationStats {
  readonly count: number;
  readonly medianMs: number | null;
  readonly p95Ms: number | null;
}

export interface DistrictSummary {
  readonly district: string;
  /** Eligible and not disbursed, at risk and breached included. */
  readonly open: number;
  readonly atRisk: number;
  readonly breached: number;
  readonly timeToDisbursement: DurationStats;
}

export interface SlaSummary {
  readonly totals: { readonly open: number; readonly atRisk: number; readonly breached: number };
  readonly timeToDisbursement: DurationStats;
  readonly districts: DistrictSummary[];
}

/** Counts per district and percentiles of eligibility-to-disbursement time, from indexed finds. */
export async function slaSummary(store: ReadModelStore): Promise<SlaSummary> {
  const districts: DistrictSummary[] = [];
  for (const district of await allDistricts(store)) {
    const [open, atRisk, breached] = await Promise.all(OPEN_STATES.map((state) => count(store, { district, state })));
    const timeToDisbursement = await durations(store, { district });
    // A district whose reports never reached an eligible decision has nothing to say about the SLA.
    if (open + atRisk + breached === 0 && timeToDisbursement.count === 0) continue;
    districts.push({ district, open: open + atRisk + breached, atRisk, breached, timeToDisbursement });
  }
  const sum = (pick: (d: DistrictSummary) => number) => districts.reduce((total, d) => total + pick(d), 0);
  return {
    totals: { open: sum((d) => d.open), atRisk: sum((d) => d.atRisk), breached: sum((d) => d.breached) },
    timeToDisbursement: await durations(store, {}),
    districts,
  };
}

/** Nearest-rank percentiles: the value at rank ceil(p * n) of the sorted durations, read by offset. */
async function durations(store: ReadModelStore, where: Record<string, FieldValue>): Promise<DurationStats> {
  const paid = { ...where, paid: true };
  const total = await count(store, paid);
  if (total === 0) return { count: 0, medianMs: null, p95Ms: null };
  const at = async (p: number): Promise<number | null> => {
    const query: FindQuery = { where: paid, orderBy: { field: 'durationMs', direction: 'asc' }, limit: 1, offset: Math.ceil(p * total) - 1 };
    const doc = (await store.find(SLA_CASES, query)).items[0]?.doc as SlaCaseDocument | undefined;
    return doc?.durationMs ?? null;
  };
  return { count: total, medianMs: await at(0.5), p95Ms: await at(0.95) };
}

async function count(store: ReadModelStore, where: Record<string, FieldValue>): Promise<number> {
  return (await store.find(SLA_CASES, { where, limit: 0 })).total;
}

async function allDistricts(store: ReadModelStore): Promise<string[]> {
  const ids: string[] = [];
  for (;;) {
    const page = await store.scan(SLA_DISTRICTS, { ...(ids.length > 0 ? { afterId: ids[ids.length - 1] } : {}), limit: 1000 });
    ids.push(...page.map((d) => d.id));
    if (page.length < 1000) return ids;
  }
}

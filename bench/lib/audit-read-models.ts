import { hmacLookupKeys, lookupProjection, reportsProjection, type Projection } from '@bansos/read-models';
import { auditProjections, fromProjection, type ReplayableReadModel } from '../../libs/audit/src';

/** A fixed key: the set-up and every trial must hash NIKs alike. */
const BENCH_LOOKUP_SECRET = 'bench-audit-lookup-secret-not-for-production';

/** The embedded system's projections (lookup, reports) and the audit index. */
export function benchProjections(): Projection[] {
  const keys = hmacLookupKeys(BENCH_LOOKUP_SECRET);
  return [lookupProjection(keys), reportsProjection, ...auditProjections(keys)];
}

/** The same, as the replay rebuilds them. */
export function auditReadModels(): ReplayableReadModel[] {
  return benchProjections().map(fromProjection);
}

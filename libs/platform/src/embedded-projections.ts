import { lookupProjection, reportsProjection, type LookupKeys, type Projection } from '@bansos/read-models';

/** The read models the embedded projector keeps: the public lookup and the staff worklist. */
export function embeddedProjections(lookupKeys: LookupKeys): readonly Projection[] {
  return [lookupProjection(lookupKeys), reportsProjection];
}

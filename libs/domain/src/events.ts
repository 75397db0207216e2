import type { HouseholdEvent, NikEvent } from './registry/registry.events';
import type { ReportEvent, SubjectEvent } from './reports/report.events';

/** Every event of the system, one union, one registry of schema versions. */
export type DomainEvent = HouseholdEvent | NikEvent | ReportEvent | SubjectEvent;
export type DomainEventType = DomainEvent['type'];

/** The version written today. Stored events are never rewritten: older shapes are upcast on read. */
export const CURRENT_SCHEMA_VERSION: Readonly<Record<DomainEventType, number>> = {
  RecipientRegistered: 1,
  RecipientWithdrawn: 1,
  NikLinkedToHousehold: 1,
  ReportFiled: 1,
  ReportAutoRejected: 1,
  EligibilityAssessed: 1,
  AidDisbursed: 1,
  CaseOpened: 1,
};

/** Pure functions from version n to n+1, keyed by `${type}@${n}`. */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;
const UPCASTERS: Readonly<Record<string, Upcaster>> = {};

export function isDomainEventType(type: string): type is DomainEventType {
  return Object.prototype.hasOwnProperty.call(CURRENT_SCHEMA_VERSION, type);
}

/** Brings stored data up to the current shape, one version step at a time. */
export function upcast(
  type: DomainEventType,
  version: number,
  data: Record<string, unknown>,
  upcasters: Readonly<Record<string, Upcaster>> = UPCASTERS,
): Record<string, unknown> {
  let current = data;
  for (let v = version; v < CURRENT_SCHEMA_VERSION[type]; v++) {
    const step = upcasters[`${type}@${v}`];
    if (!step) throw new Error(`no upcaster for ${type} from version ${v}`);
    current = step(current);
  }
  return current;
}

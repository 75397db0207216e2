import { AUDIT_SCHEMA_VERSION, type AuditEvent } from './audit/audit.events';
import type { HouseholdEvent, NikEvent } from './registry/registry.events';
import type { ReportEvent, SubjectEvent } from './reports/report.events';
import { SLA_SCHEMA_VERSION, type SlaEvent } from './sla/sla.events';

export * from './audit/audit.events';
export * from './sla/sla.events';

/** Every event the decisions are made of, one union: what deciders and projections fold. */
export type DomainEvent = HouseholdEvent | NikEvent | ReportEvent | SubjectEvent;
export type DomainEventType = DomainEvent['type'];

/**
 * Everything the store holds: the decisions, the audit trail of who read which record, and
 * the SLA monitor's alerts (kept out of DomainEvent so the folds over it stay as they are;
 * the SLA read models decode them themselves).
 */
export type RegisteredEvent = DomainEvent | AuditEvent | SlaEvent;
export type RegisteredEventType = RegisteredEvent['type'];

const DOMAIN_SCHEMA_VERSION: Readonly<Record<DomainEventType, number>> = {
  RecipientRegistered: 1,
  RecipientWithdrawn: 1,
  NikLinkedToHousehold: 1,
  ReportFiled: 1,
  ReportAutoRejected: 1,
  EligibilityAssessed: 1,
  AidDisbursed: 1,
  CaseOpened: 1,
};

/** The version written today. Stored events are never rewritten: older shapes are upcast on read. */
export const CURRENT_SCHEMA_VERSION: Readonly<Record<RegisteredEventType, number>> = {
  ...DOMAIN_SCHEMA_VERSION,
  ...AUDIT_SCHEMA_VERSION,
  ...SLA_SCHEMA_VERSION,
};

/** Pure functions from version n to n+1, keyed by `${type}@${n}`. */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * Which version of each type is current, and how to bring older ones up to it. The
 * default is the code's own; a reader may be given another (a test simulating the next
 * shape of an event, a tool reading an archive) without touching this module.
 */
export interface EventRegistry {
  readonly versions: Readonly<Record<string, number>>;
  readonly upcasters: Readonly<Record<string, Upcaster>>;
}

export const EVENT_REGISTRY: EventRegistry = { versions: CURRENT_SCHEMA_VERSION, upcasters: {} };

/** A registry with some types moved to newer versions and the upcasters that reach them. */
export function extendRegistry(
  base: EventRegistry,
  changes: { readonly versions?: Readonly<Record<string, number>>; readonly upcasters?: Readonly<Record<string, Upcaster>> },
): EventRegistry {
  return {
    versions: { ...base.versions, ...changes.versions },
    upcasters: { ...base.upcasters, ...changes.upcasters },
  };
}

export function isDomainEventType(type: string): type is DomainEventType {
  return Object.prototype.hasOwnProperty.call(DOMAIN_SCHEMA_VERSION, type);
}

/** Brings stored data up to the current shape, one version step at a time. */
export function upcast(
  type: string,
  version: number,
  data: Record<string, unknown>,
  registry: EventRegistry = EVENT_REGISTRY,
): Record<string, unknown> {
  if (!Object.prototype.hasOwnProperty.call(registry.versions, type)) throw new Error(`unknown event type ${type}`);
  const current = registry.versions[type];
  // Data written by a newer release cannot be read safely by this one: refuse, never guess.
  if (version > current) throw new Error(`${type} version ${version} is newer than this code reads (${current})`);
  let shaped = data;
  for (let v = version; v < current; v++) {
    const step = registry.upcasters[`${type}@${v}`];
    if (!step) throw new Error(`no upcaster for ${type} from version ${v}`);
    shaped = step(shaped);
  }
  return shaped;
}

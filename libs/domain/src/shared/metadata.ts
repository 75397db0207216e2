/** Who may act on the system. Citizens are anonymous; staff carry a signed token. */
export const STAFF_ROLES = ['operator', 'assessor', 'disburser', 'auditor', 'ops', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export type Actor =
  | { readonly kind: 'citizen' }
  | { readonly kind: 'staff'; readonly userId: string; readonly role: StaffRole }
  | { readonly kind: 'system'; readonly name: string };

/** Metadata every stored event carries. Times are ISO-8601 strings in UTC. */
export interface EventMetadata {
  readonly eventId: string;
  readonly schemaVersion: number;
  readonly occurredAt: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string | null;
}

/** What a decider emits: plain readonly data, metadata is attached by the command handler. */
export interface EventBody<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
}

/** An event as read back from the store, after upcasting. */
export interface StoredEvent<T extends string = string, D = unknown> extends EventBody<T, D> {
  readonly metadata: EventMetadata;
  readonly streamId: string;
  readonly position: bigint;
  readonly revision: bigint;
}

/** The command envelope: time, ids and the actor come in from outside, never from inside a decider. */
export interface CommandContext {
  readonly commandId: string;
  readonly at: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string | null;
}

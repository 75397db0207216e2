import type { SlaAlertKind, SlaEvent } from '@bansos/domain';
import type { SlaPolicy } from '../config';
import { DeadlineHeap } from './deadline-heap';
import { alertEvent, dueAlert, evolveCase, nextCheckAt, withRaised, type SlaCase, type WatchedEventWithRevision } from './sla-case';

/** An alert the watch wants raised: the event, and the revision its sla stream should be at. */
export interface PlannedAlert {
  readonly ticket: string;
  readonly kind: SlaAlertKind;
  /** -1: the case's sla stream does not exist yet. */
  readonly expectedRevision: number;
  readonly event: SlaEvent;
  /** The index key it was taken under, to put it back if writing fails. */
  readonly due: number;
}

/**
 * Every case the monitor knows, and the deadline index over them. No I/O and no clock:
 * time is an argument, so a test can stand at "7 days minus 1 second". The caller
 * raises what takeDue() returns and reports back with raised(), or retryLater() when
 * the write failed, so an alert is marked raised only once it is really in the store.
 */
export class SlaWatch {
  private readonly cases = new Map<string, SlaCase>();
  private readonly index = new DeadlineHeap();
  // A million cases share a few dozen district codes: keep one string per code.
  private readonly districts = new Map<string, string>();

  constructor(readonly policy: SlaPolicy) {}

  get caseCount(): number {
    return this.cases.size;
  }

  /** Entries in the deadline index, stale ones included. */
  get indexSize(): number {
    return this.index.size;
  }

  get(ticket: string): SlaCase | undefined {
    return this.cases.get(ticket);
  }

  /** Puts back a case from persisted state. */
  restore(c: SlaCase): void {
    const kept = this.intern(c, undefined);
    this.cases.set(kept.ticket, kept);
    this.schedule(kept, undefined);
  }

  /** Folds one event in. Idempotent: a duplicate returns the case unchanged. */
  apply(event: WatchedEventWithRevision): SlaCase | null {
    const ticket = event.data.ticket;
    const before = this.cases.get(ticket);
    const evolved = evolveCase(before ?? null, event, this.policy);
    if (evolved === null) {
      this.cases.delete(ticket);
      return null;
    }
    if (evolved === before) return before;
    const after = this.intern(evolved, before);
    this.cases.set(ticket, after);
    this.schedule(after, before);
    return after;
  }

  /** Takes up to `max` alerts due at `now` out of the index; stale entries are dropped on the way. */
  takeDue(now: number, max: number): PlannedAlert[] {
    const planned: PlannedAlert[] = [];
    while (planned.length < max) {
      const due = this.index.peekDue();
      if (due === undefined || due > now) break;
      const entry = this.index.pop() as { due: number; ticket: string };
      const c = this.cases.get(entry.ticket);
      if (!c || nextCheckAt(c, this.policy) !== entry.due) continue;
      const kind = dueAlert(c, now, this.policy);
      if (kind === null) continue;
      planned.push({
        ticket: c.ticket,
        kind,
        expectedRevision: c.slaRevision,
        event: alertEvent(c, kind, now, this.policy),
        due: entry.due,
      });
    }
    return planned;
  }

  /** These alerts (bits of ALERT_BIT) are in the case's sla stream, which is now at `revision`. */
  raised(ticket: string, bits: number, revision: number): void {
    const before = this.cases.get(ticket);
    if (!before) return;
    const after = withRaised(before, bits, revision);
    this.cases.set(ticket, after);
    // Taking the alert popped the case's entry, so it is scheduled afresh even if the key is unchanged.
    this.schedule(after, undefined);
  }

  /** The alert could not be written: it goes back into the index, due as before. */
  retryLater(alert: PlannedAlert): void {
    this.index.push(alert.due, alert.ticket);
  }

  /** Adds an index entry when the case's next check moved; the old entry goes stale. */
  private schedule(after: SlaCase, before: SlaCase | undefined): void {
    const next = nextCheckAt(after, this.policy);
    if (next === null) return;
    if (before !== undefined && nextCheckAt(before, this.policy) === next) return;
    this.index.push(next, after.ticket);
  }

  private intern(c: SlaCase, before: SlaCase | undefined): SlaCase {
    if (c.district === null || c.district === before?.district) return c;
    const shared = this.districts.get(c.district);
    if (shared === undefined) {
      this.districts.set(c.district, c.district);
      return c;
    }
    return { ...c, district: shared };
  }
}

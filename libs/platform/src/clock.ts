import { randomBytes, randomUUID } from 'node:crypto';

/** Time comes from here, so tests can move it forward seven days. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests set and advance by hand. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(at: Date): void {
    this.current = new Date(at.getTime());
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Ids come from here too: command ids and report tickets. */
export interface IdGenerator {
  uuid(): string;
  /** A report ticket: "BNS-" and 12 Crockford base-32 characters (60 random bits, unguessable). */
  ticket(): string;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const randomIds: IdGenerator = {
  uuid: () => randomUUID(),
  ticket: () => {
    const bytes = randomBytes(12);
    let out = '';
    for (const b of bytes) out += CROCKFORD[b & 31];
    return `BNS-${out}`;
  },
};

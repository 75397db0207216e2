import { SLA_ALERT_KIND, isSlaEventType, slaStream, type CommandContext } from '@bansos/domain';
import {
  exactly,
  NO_STREAM,
  WrongExpectedRevisionError,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type StreamAppend,
} from '@bansos/eventstore';
import { ALERT_BIT } from '../case/sla-case';
import { alertToAppend } from '../codec';
import type { PlannedAlert } from '../case/sla-watch';

/** What the case's sla stream holds after a write: alert bits and its last revision. */
export interface WrittenAlert {
  readonly ticket: string;
  readonly bits: number;
  readonly revision: number;
}

export interface AlertSink {
  write(alerts: readonly PlannedAlert[]): Promise<WrittenAlert[]>;
}

const MAX_ATTEMPTS = 5;

/**
 * Appends alerts to `sla-<ticket>` streams. Two guards make "raised once" hold across
 * restarts, redelivery and a second monitor process: the event id follows from
 * (ticket, kind) alone, so re-appending an alert the store already has is a no-op; and
 * each append expects the stream's revision, so a conflict shows us alerts we did not
 * know of, and we re-read the stream instead of writing blindly.
 */
export class EventStoreAlertWriter implements AlertSink {
  constructor(private readonly events: EventStore) {}

  async write(alerts: readonly PlannedAlert[]): Promise<WrittenAlert[]> {
    if (alerts.length === 0) return [];
    const appends: StreamAppend[] = alerts.map((a) => ({
      streamId: slaStream(a.ticket),
      expected: expectedOf(a.expectedRevision),
      events: [alertAppend(a)],
    }));
    try {
      // The common case, one transaction for the whole chunk.
      const results = await this.events.appendBatch(appends);
      return alerts.map((a, i) => ({ ticket: a.ticket, bits: ALERT_BIT[a.kind], revision: Number(results[i].nextExpectedRevision) }));
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
    const written: WrittenAlert[] = [];
    for (const alert of alerts) written.push(await this.writeOne(alert));
    return written;
  }

  private async writeOne(alert: PlannedAlert): Promise<WrittenAlert> {
    const streamId = slaStream(alert.ticket);
    let expected = alert.expectedRevision;
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.events.appendToStream(streamId, [alertAppend(alert)], expectedOf(expected));
        return { ticket: alert.ticket, bits: ALERT_BIT[alert.kind], revision: Number(result.nextExpectedRevision) };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
      }
      const stream = await this.events.readStream(streamId);
      let bits = 0;
      for (const recorded of stream) if (isSlaEventType(recorded.type)) bits |= ALERT_BIT[SLA_ALERT_KIND[recorded.type]];
      const revision = stream.length - 1;
      if ((bits & ALERT_BIT[alert.kind]) !== 0) return { ticket: alert.ticket, bits, revision };
      expected = revision;
    }
  }
}

function expectedOf(revision: number): ExpectedRevision {
  return revision < 0 ? NO_STREAM : exactly(BigInt(revision));
}

/** The stored form of an alert; the command id (hence the event id) is the same for every attempt. */
function alertAppend(alert: PlannedAlert): EventToAppend {
  const ctx: CommandContext = {
    commandId: `sla/${alert.ticket}/${alert.kind}`,
    at: alert.event.data.raisedAt,
    actor: { kind: 'system', name: 'sla-monitor' },
    // One correlation per case: every alert of a ticket is found by it.
    correlationId: alert.ticket,
    causationId: null,
  };
  return alertToAppend(alert.event, ctx, slaStream(alert.ticket), 0);
}

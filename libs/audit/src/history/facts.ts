import { assertNever, type StoredEvent } from '@bansos/domain';
import { isDecision } from '../replay/decode';
import { toEntry, type AuditedEvent, type HistoryEntry } from './entries';

/**
 * An earlier event a decision rested on, resolved to the event itself. `event` is null
 * only if the id names nothing in the store, which would itself be a finding.
 */
export interface Fact {
  readonly relation: 'matched_enrolment' | 'report_filed' | 'eligibility_assessed' | 'enrolment_ended';
  readonly eventId: string | null;
  readonly event: HistoryEntry | null;
}

export interface HistoryItem extends HistoryEntry {
  readonly restsOn: readonly Fact[];
}

/**
 * What each decision rested on, looked up among `known` (every event read for the
 * history, a superset of the ones listed): stage 1 on the enrolment it matched (by the
 * id it recorded), an assessment on the report, a payment on the eligible assessment,
 * an enrolment by assessment on that assessment, a withdrawal on the enrolment it ends.
 * Events that are not decisions (audit reads, alerts of other contexts) rest on nothing here.
 */
export function withFacts(listed: readonly StoredEvent[], known: readonly StoredEvent[]): HistoryItem[] {
  const decisions = known.filter(isDecision);
  const byId = new Map(decisions.map((e) => [e.metadata.eventId, e]));
  const lastBefore = (event: AuditedEvent, match: (candidate: AuditedEvent) => boolean): AuditedEvent | undefined => {
    let found: AuditedEvent | undefined;
    for (const candidate of decisions) if (candidate.position < event.position && match(candidate)) found = candidate;
    return found;
  };
  const ofTicket = (type: AuditedEvent['type'], ticket: string) => (c: AuditedEvent) =>
    c.type === type && 'ticket' in c.data && c.data.ticket === ticket;
  const fact = (relation: Fact['relation'], event: AuditedEvent | undefined, eventId?: string): Fact => ({
    relation,
    eventId: event?.metadata.eventId ?? eventId ?? null,
    event: event ? toEntry(event) : null,
  });

  const factsOf = (event: AuditedEvent): Fact[] => {
    switch (event.type) {
      case 'ReportAutoRejected':
        return [fact('matched_enrolment', byId.get(event.data.enrolmentEventId), event.data.enrolmentEventId)];
      case 'EligibilityAssessed':
      case 'CaseOpened':
        return [fact('report_filed', lastBefore(event, ofTicket('ReportFiled', event.data.ticket)))];
      case 'AidDisbursed':
        return [fact('eligibility_assessed', lastBefore(event, ofTicket('EligibilityAssessed', event.data.ticket)))];
      case 'RecipientRegistered': {
        const via = event.data.via;
        if (via.kind !== 'assessment') return [];
        // Written in the same batch as the assessment, just before it: not "before" in position order.
        return [fact('eligibility_assessed', decisions.find(ofTicket('EligibilityAssessed', via.ticket)))];
      }
      case 'RecipientWithdrawn':
        return [fact('enrolment_ended', lastBefore(event, (c) => c.type === 'RecipientRegistered' && c.streamId === event.streamId))];
      case 'ReportFiled':
      case 'NikLinkedToHousehold':
        return [];
      default:
        return assertNever(event);
    }
  };
  return listed.map((event) => ({ ...toEntry(event), restsOn: isDecision(event) ? factsOf(event) : [] }));
}

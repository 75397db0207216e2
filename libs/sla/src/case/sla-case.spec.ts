import { DEFAULT_SLA_CONFIG, slaPolicy } from '../config';
import { alert, assessed, autoRejected, DAY, disbursed, filed, GENTENG, HOUR, SECOND, T0 } from '../testing/feed-events';
import { ALERT_BIT, alertEvent, dueAlert, evolveCase, nextCheckAt, type SlaCase, type WatchedEventWithRevision } from './sla-case';

const policy = slaPolicy(DEFAULT_SLA_CONFIG);
const fold = (events: WatchedEventWithRevision[], from: SlaCase | null = null) =>
  events.reduce<SlaCase | null>((state, event) => evolveCase(state, event, policy), from);
const eligibleCase = () => fold([filed('BNS-A'), assessed('BNS-A', T0)]) as SlaCase;
const DEADLINE = T0 + 7 * DAY;

describe('SLA case: facts', () => {
  it('takes the district from the first 6 digits of the village code, and the deadline 7 days after eligibility', () => {
    expect(fold([filed('BNS-A', GENTENG), assessed('BNS-A', T0)])).toEqual({
      ticket: 'BNS-A',
      district: '351010',
      eligibleAt: T0,
      deadline: T0 + 7 * DAY,
      disbursedAt: null,
      paidUnwatched: false,
      raised: 0,
      slaRevision: -1,
    });
  });

  it('follows the configured SLA length', () => {
    const three = slaPolicy({ ...DEFAULT_SLA_CONFIG, slaDays: 3 });
    expect(evolveCase(null, assessed('BNS-A', T0), three)?.deadline).toBe(T0 + 3 * DAY);
  });

  it('applied twice: every event returns the very same state the second time', () => {
    const events = [filed('BNS-A'), assessed('BNS-A', T0), disbursed('BNS-A', T0 + DAY), alert('RESOLVED', 'BNS-A', 0)];
    let state: SlaCase | null = null;
    for (const event of events) {
      state = evolveCase(state, event, policy);
      expect(evolveCase(state, event, policy)).toBe(state);
    }
  });

  it('keeps the first value of each fact: a late duplicate cannot move the deadline', () => {
    const state = fold([assessed('BNS-A', T0), assessed('BNS-A', T0 + DAY)]);
    expect(state?.deadline).toBe(DEADLINE);
  });

  it('forgets cases that will never be paid: not eligible, or auto-rejected at stage 1', () => {
    expect(fold([filed('BNS-A'), assessed('BNS-A', T0, false)])).toBeNull();
    expect(fold([filed('BNS-A'), autoRejected('BNS-A')])).toBeNull();
  });

  it('learns of alerts from its sla stream, with the revision to expect next', () => {
    const state = fold([alert('AT_RISK', 'BNS-A', 0), alert('BREACHED', 'BNS-A', 1)], eligibleCase());
    expect(state).toMatchObject({ raised: ALERT_BIT.AT_RISK | ALERT_BIT.BREACHED, slaRevision: 1 });
  });
});

describe('SLA case: which alert is due', () => {
  it('nothing before the at-risk threshold, AT_RISK exactly at it (deadline minus 48 hours)', () => {
    const c = eligibleCase();
    expect(dueAlert(c, DEADLINE - 48 * HOUR - 1, policy)).toBeNull();
    expect(dueAlert(c, DEADLINE - 48 * HOUR, policy)).toBe('AT_RISK');
    expect(nextCheckAt(c, policy)).toBe(DEADLINE - 48 * HOUR);
  });

  it('7 days minus 1 second is not a breach; 7 days exactly is not either; 7 days plus 1 second is', () => {
    const atRisk = { ...eligibleCase(), raised: ALERT_BIT.AT_RISK };
    expect(dueAlert(atRisk, T0 + 7 * DAY - SECOND, policy)).toBeNull();
    expect(dueAlert(atRisk, T0 + 7 * DAY, policy)).toBeNull();
    expect(dueAlert(atRisk, T0 + 7 * DAY + SECOND, policy)).toBe('BREACHED');
    expect(nextCheckAt(atRisk, policy)).toBe(DEADLINE + 1);
  });

  it('skips AT_RISK once the deadline has already passed', () => {
    expect(dueAlert(eligibleCase(), DEADLINE + SECOND, policy)).toBe('BREACHED');
  });

  it('raises each kind once', () => {
    const breached = { ...eligibleCase(), raised: ALERT_BIT.AT_RISK | ALERT_BIT.BREACHED };
    expect(dueAlert(breached, DEADLINE + 30 * DAY, policy)).toBeNull();
    expect(nextCheckAt(breached, policy)).toBeNull();
  });

  it('paid by the deadline (even at the very millisecond): RESOLVED; after it: RESOLVED_LATE, due at once', () => {
    const onTime = fold([disbursed('BNS-A', DEADLINE)], eligibleCase()) as SlaCase;
    expect(dueAlert(onTime, T0, policy)).toBe('RESOLVED');
    expect(nextCheckAt(onTime, policy)).toBe(0);
    const late = fold([disbursed('BNS-A', DEADLINE + 1)], eligibleCase()) as SlaCase;
    expect(dueAlert(late, T0, policy)).toBe('RESOLVED_LATE');
    const resolved = { ...late, raised: ALERT_BIT.BREACHED | ALERT_BIT.RESOLVED_LATE };
    expect(dueAlert(resolved, DEADLINE + DAY, policy)).toBeNull();
    expect(nextCheckAt(resolved, policy)).toBeNull();
  });

  it('a disbursement seen before its assessment never raises an alert, not even after the deadline', () => {
    const c = fold([filed('BNS-A'), disbursed('BNS-A', T0 + DAY), assessed('BNS-A', T0)]) as SlaCase;
    expect(c.paidUnwatched).toBe(true);
    for (const now of [T0, DEADLINE - HOUR, DEADLINE + DAY]) expect(dueAlert(c, now, policy)).toBeNull();
    expect(nextCheckAt(c, policy)).toBeNull();
  });

  it('an unknown or not yet eligible case needs nothing', () => {
    const c = fold([filed('BNS-A')]) as SlaCase;
    expect(dueAlert(c, DEADLINE + DAY, policy)).toBeNull();
    expect(nextCheckAt(c, policy)).toBeNull();
  });
});

describe('SLA case: the alert event', () => {
  it('carries the case, its district and how late it is', () => {
    const event = alertEvent(eligibleCase(), 'BREACHED', DEADLINE + 90 * SECOND, policy);
    expect(event).toEqual({
      type: 'SlaBreached',
      data: {
        ticket: 'BNS-A',
        district: '351001',
        eligibleAt: new Date(T0).toISOString(),
        deadline: new Date(DEADLINE).toISOString(),
        dueAt: new Date(DEADLINE).toISOString(),
        raisedAt: new Date(DEADLINE + 90 * SECOND).toISOString(),
        disbursedAt: null,
        lateByMs: 90 * SECOND,
      },
    });
  });

  it('AT_RISK tells the time left (negative lateness) and when the threshold was', () => {
    const event = alertEvent(eligibleCase(), 'AT_RISK', DEADLINE - 47 * HOUR, policy);
    expect(event.data).toMatchObject({ lateByMs: -47 * HOUR, dueAt: new Date(DEADLINE - 48 * HOUR).toISOString() });
  });

  it('a resolution measures lateness at the disbursement', () => {
    const paid = fold([disbursed('BNS-A', DEADLINE + 3 * HOUR)], eligibleCase()) as SlaCase;
    const event = alertEvent(paid, 'RESOLVED_LATE', DEADLINE + 5 * DAY, policy);
    expect(event.data).toMatchObject({ lateByMs: 3 * HOUR, disbursedAt: new Date(DEADLINE + 3 * HOUR).toISOString() });
  });
});

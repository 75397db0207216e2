import type { SlaAlertKind } from '@bansos/domain';
import type { SlaFeedEvent } from '../codec';
import { DEFAULT_SLA_CONFIG, slaPolicy } from '../config';
import { alert, assessed, autoRejected, DAY, disbursed, filed, HOUR, SECOND, T0 } from '../testing/feed-events';
import { ALERT_BIT } from './sla-case';
import { SlaWatch } from './sla-watch';

const policy = slaPolicy(DEFAULT_SLA_CONFIG);

/** The pure monitor: the watch, with every planned alert taken as written (revision + 1). */
class PureMonitor {
  readonly watch = new SlaWatch(policy);
  readonly raised: { ticket: string; kind: SlaAlertKind; at: number }[] = [];

  feed(events: readonly SlaFeedEvent[]): void {
    for (const event of events) this.watch.apply(event);
  }

  check(now: number): string[] {
    const planned = this.watch.takeDue(now, Number.POSITIVE_INFINITY);
    for (const p of planned) {
      this.watch.raised(p.ticket, ALERT_BIT[p.kind], p.expectedRevision + 1);
      this.raised.push({ ticket: p.ticket, kind: p.kind, at: now });
    }
    return planned.map((p) => `${p.ticket} ${p.kind}`);
  }
}

describe('SLA watch: moving the clock', () => {
  const monitor = () => {
    const m = new PureMonitor();
    m.feed([filed('BNS-A'), assessed('BNS-A', T0)]);
    return m;
  };

  it('7 days minus 1 second: at risk, no breach; 7 days plus 1 second: exactly one BREACHED', () => {
    const m = monitor();
    expect(m.check(T0 + 7 * DAY - SECOND)).toEqual(['BNS-A AT_RISK']);
    expect(m.check(T0 + 7 * DAY + SECOND)).toEqual(['BNS-A BREACHED']);
    expect(m.check(T0 + 7 * DAY + 2 * SECOND)).toEqual([]);
    expect(m.check(T0 + 30 * DAY)).toEqual([]);
    expect(m.raised.filter((r) => r.kind === 'BREACHED')).toHaveLength(1);
  });

  it('AT_RISK exactly at its threshold, not a millisecond before', () => {
    const m = monitor();
    const threshold = T0 + 7 * DAY - 48 * HOUR;
    expect(m.check(threshold - 1)).toEqual([]);
    expect(m.check(threshold)).toEqual(['BNS-A AT_RISK']);
    expect(m.check(threshold + HOUR)).toEqual([]);
  });

  it('a configured threshold moves AT_RISK', () => {
    const watch = new SlaWatch(slaPolicy({ ...DEFAULT_SLA_CONFIG, atRiskHours: 12 }));
    watch.apply(assessed('BNS-A', T0));
    expect(watch.takeDue(T0 + 7 * DAY - 12 * HOUR - 1, 10)).toEqual([]);
    expect(watch.takeDue(T0 + 7 * DAY - 12 * HOUR, 10).map((p) => p.kind)).toEqual(['AT_RISK']);
  });

  it('paid on time: RESOLVED at the next check, and the pending deadline raises nothing', () => {
    const m = monitor();
    m.feed([disbursed('BNS-A', T0 + 2 * DAY)]);
    expect(m.check(T0 + 2 * DAY)).toEqual(['BNS-A RESOLVED']);
    expect(m.check(T0 + 30 * DAY)).toEqual([]);
  });

  it('paid after the breach: RESOLVED_LATE', () => {
    const m = monitor();
    expect(m.check(T0 + 8 * DAY)).toEqual(['BNS-A BREACHED']);
    m.feed([disbursed('BNS-A', T0 + 8 * DAY + HOUR)]);
    expect(m.check(T0 + 8 * DAY + HOUR)).toEqual(['BNS-A RESOLVED_LATE']);
  });

  it('a failed write goes back into the index and is raised by the next check', () => {
    const m = monitor();
    const [planned] = m.watch.takeDue(T0 + 8 * DAY, 10);
    m.watch.retryLater(planned);
    expect(m.check(T0 + 8 * DAY)).toEqual(['BNS-A BREACHED']);
  });

  it('a check pops only what is due: 10,000 far deadlines stay in the index untouched', () => {
    const m = new PureMonitor();
    for (let i = 0; i < 10_000; i++) m.feed([assessed(`BNS-${i}`, T0 + DAY + i)]);
    m.feed([assessed('BNS-EARLY', T0)]);
    expect(m.watch.indexSize).toBe(10_001);
    expect(m.check(T0 + 5 * DAY)).toEqual(['BNS-EARLY AT_RISK']);
    // One entry popped, and the case's next check (its deadline) pushed back.
    expect(m.watch.indexSize).toBe(10_001);
  });
});

describe('SLA watch: redelivered and reordered input', () => {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

  // After eligibility: paid in two days, at the last hour, a day late.
  const PAID_AFTER = [2 * DAY, 7 * DAY - HOUR, 8 * DAY];

  /** 240 cases of every kind, each a list of (time, event) in its own order. */
  function scenario(): { at: number; event: SlaFeedEvent }[][] {
    const cases: { at: number; event: SlaFeedEvent }[][] = [];
    for (let i = 0; i < 240; i++) {
      const ticket = `BNS-${String(i).padStart(4, '0')}`;
      const eligibleAt = T0 + i * 40 * 60 * 1000;
      const events = [{ at: eligibleAt - HOUR, event: filed(ticket) }];
      switch (i % 6) {
        case 0: // never paid
          events.push({ at: eligibleAt, event: assessed(ticket, eligibleAt) });
          break;
        case 1:
        case 2:
        case 3: {
          const paidAt = eligibleAt + PAID_AFTER[(i % 6) - 1];
          events.push({ at: eligibleAt, event: assessed(ticket, eligibleAt) });
          events.push({ at: paidAt, event: disbursed(ticket, paidAt) });
          break;
        }
        case 4: // not eligible
          events.push({ at: eligibleAt, event: assessed(ticket, eligibleAt, false) });
          break;
        default: // auto-rejected at stage 1
          events.push({ at: eligibleAt - HOUR, event: autoRejected(ticket) });
      }
      cases.push(events);
    }
    return cases;
  }

  /** Feeds each 6-hour window, then checks at its end; `mess` may reorder and repeat the window's events. */
  function run(cases: { at: number; event: SlaFeedEvent }[][], mess: (window: SlaFeedEvent[][], earlier: SlaFeedEvent[]) => SlaFeedEvent[]) {
    const m = new PureMonitor();
    const seen: SlaFeedEvent[] = [];
    for (let end = T0; end <= T0 + 25 * DAY; end += 6 * HOUR) {
      const window = cases.map((events) => events.filter((e) => e.at > end - 6 * HOUR && e.at <= end).map((e) => e.event));
      const feed = mess(window, seen);
      m.feed(feed);
      seen.push(...window.flat());
      const before = m.raised.length;
      m.check(end);
      // The monitor reads its own alerts back from the stream too, sometimes twice.
      const echoes = m.raised.slice(before).map((r) => alert(r.kind, r.ticket, 0));
      m.feed([...echoes, ...echoes.filter(() => random() < 0.5)]);
    }
    return m.raised.map((r) => `${r.ticket} ${r.kind} @${(r.at - T0) / HOUR}h`).sort();
  }

  /** Interleaves the cases at random, each case's own events staying in order. */
  function interleave(perCase: SlaFeedEvent[][]): SlaFeedEvent[] {
    const queues = perCase.filter((q) => q.length > 0).map((q) => [...q]);
    const out: SlaFeedEvent[] = [];
    while (queues.length > 0) {
      const i = Math.floor(random() * queues.length);
      out.push(queues[i].shift() as SlaFeedEvent);
      if (queues[i].length === 0) queues.splice(i, 1);
    }
    return out;
  }

  it('raises the same alerts, each once, when every event comes twice, shuffled across cases, with old ones redelivered', () => {
    const cases = scenario();
    const inOrder = run(cases, (window) => window.flat());
    const messy = run(cases, (window, earlier) => [
      ...interleave(window),
      ...earlier.filter(() => random() < 0.05),
      ...interleave(window),
    ]);
    expect(messy).toEqual(inOrder);
    const keys = messy.map((line) => line.split(' @')[0]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives each kind of case its alerts', () => {
    const raised = run(scenario(), (window) => window.flat()).map((line) => line.split(' @')[0]);
    const of = (i: number) => raised.filter((line) => line.startsWith(`BNS-${String(i).padStart(4, '0')} `)).map((l) => l.split(' ')[1]);
    expect(of(0)).toEqual(['AT_RISK', 'BREACHED']);
    expect(of(1)).toEqual(['RESOLVED']);
    expect(of(2)).toEqual(['AT_RISK', 'RESOLVED']);
    expect(of(3)).toEqual(['AT_RISK', 'BREACHED', 'RESOLVED_LATE']);
    expect(of(4)).toEqual([]);
    expect(of(5)).toEqual([]);
  });

  it('a disbursement delivered before its assessment raises nothing, ever', () => {
    const m = new PureMonitor();
    m.feed([filed('BNS-X'), disbursed('BNS-X', T0 + DAY), assessed('BNS-X', T0)]);
    for (let now = T0; now <= T0 + 20 * DAY; now += 6 * HOUR) expect(m.check(now)).toEqual([]);
  });
});

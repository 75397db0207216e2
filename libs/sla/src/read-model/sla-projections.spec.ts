import type { SlaFeedEvent } from '../codec';
import { alert, assessed, autoRejected, DAY, disbursed, filed, GENTENG, HOUR, T0 } from '../testing/feed-events';
import { alertId, slaAlertsProjection, type SlaAlertDocument } from './sla-alerts.projection';
import { evolveCaseDocument, slaCasesProjection, slaDistrictsProjection, type SlaCaseDocument } from './sla-cases.projection';

const applyCases = (events: SlaFeedEvent[], from: SlaCaseDocument | null = null) =>
  events.reduce<SlaCaseDocument | null>((doc, event) => evolveCaseDocument(doc, event), from);

describe('sla_alerts projection', () => {
  const breached = alert('BREACHED', 'BNS-A', 1);

  it('keeps one document per alert, keyed by case and kind, with its status', () => {
    expect(slaAlertsProjection.keysOf(breached)).toEqual([alertId('BNS-A', 'BREACHED')]);
    expect(slaAlertsProjection.evolve(null, breached, 'BNS-A:BREACHED')).toEqual({
      ...breached.data,
      status: 'BREACHED',
    });
  });

  it('report events touch no alert', () => {
    for (const event of [filed('BNS-A'), assessed('BNS-A', T0), disbursed('BNS-A', T0 + DAY)]) {
      expect(slaAlertsProjection.keysOf(event)).toEqual([]);
    }
  });

  it('applied twice: the first alert stands', () => {
    const once = slaAlertsProjection.evolve(null, breached, 'BNS-A:BREACHED') as SlaAlertDocument;
    expect(slaAlertsProjection.evolve(once, alert('BREACHED', 'BNS-A', 1, { eligibleAt: T0 + HOUR }), 'BNS-A:BREACHED')).toBe(once);
  });
});

describe('sla_cases projection', () => {
  const open: SlaCaseDocument = {
    ticket: 'BNS-A',
    district: '351001',
    state: 'open',
    eligibleAt: new Date(T0).toISOString(),
    disbursedAt: null,
    durationMs: null,
    paid: false,
  };

  it('every event of the feed is about one case', () => {
    expect(slaCasesProjection.keysOf(filed('BNS-A'))).toEqual(['BNS-A']);
    expect(slaCasesProjection.keysOf(alert('AT_RISK', 'BNS-A', 0))).toEqual(['BNS-A']);
  });

  it('an eligible case is open in its district', () => {
    expect(applyCases([filed('BNS-A'), assessed('BNS-A', T0)])).toEqual(open);
  });

  it('forgets reports that will not be paid', () => {
    expect(applyCases([filed('BNS-A'), assessed('BNS-A', T0, false)])).toBeNull();
    expect(applyCases([filed('BNS-A'), autoRejected('BNS-A')])).toBeNull();
  });

  it('goes open -> at_risk -> breached -> disbursed -> resolved_late, measuring eligibility to disbursement', () => {
    const doc = applyCases([alert('AT_RISK', 'BNS-A', 0), alert('BREACHED', 'BNS-A', 1)], open);
    expect(doc?.state).toBe('breached');
    const paid = applyCases([disbursed('BNS-A', T0 + 8 * DAY)], doc);
    expect(paid).toMatchObject({ state: 'disbursed', durationMs: 8 * DAY, paid: true });
    expect(applyCases([alert('RESOLVED_LATE', 'BNS-A', 2)], paid)?.state).toBe('resolved_late');
  });

  it('a breach noticed after the payment does not reopen the case', () => {
    const paid = applyCases([disbursed('BNS-A', T0 + 6 * DAY)], open);
    expect(applyCases([alert('BREACHED', 'BNS-A', 0)], paid)?.state).toBe('disbursed');
  });

  it('applied twice: the same document', () => {
    const events = [filed('BNS-A'), assessed('BNS-A', T0), alert('AT_RISK', 'BNS-A', 0), disbursed('BNS-A', T0 + 6 * DAY), alert('RESOLVED', 'BNS-A', 1)];
    let doc: SlaCaseDocument | null = null;
    for (const event of events) {
      doc = evolveCaseDocument(doc, event);
      expect(evolveCaseDocument(doc, event)).toEqual(doc);
    }
    expect(doc).toMatchObject({ state: 'resolved', durationMs: 6 * DAY });
  });
});

describe('sla_districts projection', () => {
  it('lists each district that has a report, once', () => {
    expect(slaDistrictsProjection.keysOf(filed('BNS-A', GENTENG))).toEqual(['351010']);
    expect(slaDistrictsProjection.keysOf(assessed('BNS-A', T0))).toEqual([]);
    const doc = slaDistrictsProjection.evolve(null, filed('BNS-A', GENTENG), '351010');
    expect(doc).toEqual({ district: '351010' });
    expect(slaDistrictsProjection.evolve(doc, filed('BNS-B', GENTENG), '351010')).toBe(doc);
  });
});

import { DEFAULT_SLA_CONFIG, slaPolicy } from '../config';
import { ALERT_BIT, emptyCase, type SlaCase } from '../case/sla-case';
import { SlaWatch, type PlannedAlert } from '../case/sla-watch';
import { assessed, DAY, filed, T0 } from '../testing/feed-events';
import { SlaStores, storedAlerts } from '../testing/sla-stores';
import { EventStoreAlertWriter } from './alert-writer';

/** The alert writer against the real store: one event per (case, kind), however often it is asked. */
describe('EventStoreAlertWriter', () => {
  let stores: SlaStores;
  let writer: EventStoreAlertWriter;
  beforeEach(() => {
    stores = new SlaStores();
    writer = new EventStoreAlertWriter(stores.events);
  });
  afterEach(async () => {
    await stores.close();
    stores.remove();
  });

  /** What a watch that knows `known` (alert bits, stream revision) would plan at `now`. */
  const plan = (now: number, known: Partial<SlaCase> = {}): PlannedAlert => {
    const watch = new SlaWatch(slaPolicy(DEFAULT_SLA_CONFIG));
    watch.restore({ ...emptyCase('BNS-A'), ...known });
    watch.apply(filed('BNS-A'));
    watch.apply(assessed('BNS-A', T0));
    const [planned] = watch.takeDue(now, 1);
    return planned;
  };

  it('appends the alert to sla-<ticket> and answers with the stream revision', async () => {
    expect(await writer.write([plan(T0 + 8 * DAY)])).toEqual([{ ticket: 'BNS-A', bits: ALERT_BIT.BREACHED, revision: 0 }]);
    expect(await storedAlerts(stores.events)).toEqual(['BNS-A BREACHED']);
  });

  it('writing the same alert again (a restart before it was remembered) stores nothing new', async () => {
    await writer.write([plan(T0 + 8 * DAY)]);
    await writer.write([plan(T0 + 9 * DAY)]);
    expect(await storedAlerts(stores.events)).toEqual(['BNS-A BREACHED']);
  });

  it('on a stream it did not know of, re-reads it: skips an alert already there, appends a new one after the others', async () => {
    await writer.write([plan(T0 + 5 * DAY)]);
    // A second writer that believes the stream is empty.
    const [atRiskAgain, breached] = await writer.write([plan(T0 + 6 * DAY), plan(T0 + 8 * DAY, { raised: ALERT_BIT.AT_RISK })]);
    expect(atRiskAgain).toEqual({ ticket: 'BNS-A', bits: ALERT_BIT.AT_RISK, revision: 0 });
    expect(breached).toEqual({ ticket: 'BNS-A', bits: ALERT_BIT.BREACHED, revision: 1 });
    expect(await storedAlerts(stores.events)).toEqual(['BNS-A AT_RISK', 'BNS-A BREACHED']);
  });
});

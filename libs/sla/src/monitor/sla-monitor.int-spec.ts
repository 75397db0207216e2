import { ManualClock } from '@bansos/platform';
import { assessed, DAY, disbursed, filed, HOUR, SECOND, T0 } from '../testing/feed-events';
import { appendFeed, SlaStores, storedAlerts } from '../testing/sla-stores';
import type { CaseStateStore } from './case-state-store';
import type { SlaMonitor } from './sla-monitor';

/**
 * The monitor on the real embedded stores: alerts land in sla-<ticket> streams once,
 * whatever happens to the process in between.
 */
describe('SLA monitor on the embedded stores', () => {
  let stores: SlaStores;
  let clock: ManualClock;
  const running: SlaMonitor[] = [];
  const start = (monitor: SlaMonitor) => {
    running.push(monitor);
    monitor.start();
    return monitor;
  };

  beforeEach(() => {
    stores = new SlaStores();
    clock = new ManualClock(new Date(T0));
  });
  afterEach(async () => {
    for (const m of running.splice(0)) await m.stop();
    expect(stores.errors).toEqual([]);
    await stores.close();
    stores.remove();
  });

  /** Three cases eligible at T0 (A), T0+1h (B) and T0+2h (C), in Pesanggaran. */
  const threeCases = () =>
    appendFeed(stores.events, [
      filed('BNS-A'), assessed('BNS-A', T0),
      filed('BNS-B'), assessed('BNS-B', T0 + HOUR),
      filed('BNS-C'), assessed('BNS-C', T0 + 2 * HOUR),
    ]);

  it('moves with the clock: no breach at 7 days minus 1 second, exactly one BREACHED at 7 days plus 1 second', async () => {
    await appendFeed(stores.events, [filed('BNS-A'), assessed('BNS-A', T0)]);
    const monitor = start(stores.monitor(clock));
    await monitor.whenLive();
    clock.set(new Date(T0 + 7 * DAY - SECOND));
    await monitor.check();
    expect(await storedAlerts(stores.events)).toEqual(['BNS-A AT_RISK']);
    clock.set(new Date(T0 + 7 * DAY + SECOND));
    expect(await monitor.check()).toBe(1);
    expect(await monitor.check()).toBe(0);
    expect(await storedAlerts(stores.events)).toEqual(['BNS-A AT_RISK', 'BNS-A BREACHED']);
    const [breached] = (await stores.events.readStream('sla-BNS-A')).slice(1);
    expect(breached).toMatchObject({ type: 'SlaBreached', revision: 1n, data: { ticket: 'BNS-A', district: '351001', lateByMs: SECOND } });
    expect(breached.metadata).toMatchObject({ actor: { kind: 'system', name: 'sla-monitor' }, correlationId: 'BNS-A' });
  });

  it('raises AT_RISK exactly at its threshold', async () => {
    await appendFeed(stores.events, [filed('BNS-A'), assessed('BNS-A', T0)]);
    const monitor = start(stores.monitor(clock, { config: { atRiskHours: 24 } }));
    await monitor.whenLive();
    clock.set(new Date(T0 + 6 * DAY - 1));
    expect(await monitor.check()).toBe(0);
    clock.set(new Date(T0 + 6 * DAY));
    expect(await monitor.check()).toBe(1);
    expect(await storedAlerts(stores.events)).toEqual(['BNS-A AT_RISK']);
  });

  it('raises RESOLVED right after a live disbursement, without waiting for the timer', async () => {
    await appendFeed(stores.events, [filed('BNS-A'), assessed('BNS-A', T0)]);
    const monitor = start(stores.monitor(clock));
    await monitor.whenLive();
    clock.set(new Date(T0 + 2 * DAY));
    const position = await appendFeed(stores.events, [disbursed('BNS-A', T0 + 2 * DAY)]);
    await monitor.waitFor(position);
    expect(await storedAlerts(stores.events)).toEqual(['BNS-A RESOLVED']);
  });

  it('a restart in the middle (alerts written, the state and checkpoint after them lost) neither loses nor duplicates an alert', async () => {
    await threeCases();
    // The first run persists normally until told to stop, as if the process died right after its last append.
    let crashed = false;
    const lossy = (inner: CaseStateStore): CaseStateStore => ({
      load: () => inner.load(),
      save: async (changes, position) => {
        if (!crashed) await inner.save(changes, position);
      },
    });
    const first = start(
      stores.monitor(clock, {
        wrap: {
          state: lossy,
          checkpoints: (inner) => ({ load: () => inner.load(), save: async (p) => (crashed ? undefined : inner.save(p)) }),
        },
      }),
    );
    await first.whenLive();
    clock.set(new Date(T0 + 5 * DAY + 90 * 60 * 1000));
    crashed = true;
    expect(await first.check()).toBe(2); // A and B at risk; C's threshold is half an hour away
    await first.stop();

    // While it is down: B is paid on time, and time runs past every deadline.
    await appendFeed(stores.events, [disbursed('BNS-B', T0 + 6 * DAY)]);
    clock.set(new Date(T0 + 7 * DAY + 2 * HOUR + SECOND));

    const second = start(stores.monitor(clock));
    await second.whenLive();
    await second.check();
    expect((await storedAlerts(stores.events)).sort()).toEqual([
      'BNS-A AT_RISK',
      'BNS-A BREACHED',
      'BNS-B AT_RISK',
      'BNS-B RESOLVED',
      // C's threshold and deadline both passed while the monitor was down: only the breach is news.
      'BNS-C BREACHED',
    ]);
    clock.advance(30 * DAY);
    expect(await second.check()).toBe(0);
  });

  it('a monitor rebuilt from the first event (its state gone) raises nothing that was raised before', async () => {
    await threeCases();
    const first = start(stores.monitor(clock));
    await first.whenLive();
    clock.set(new Date(T0 + 8 * DAY));
    await first.check();
    await first.stop();
    const before = await storedAlerts(stores.events);
    expect(before).toHaveLength(3);

    const fresh = new SlaStores(stores.dir, 'fresh-read-models.sqlite');
    try {
      const rebuilt = start(fresh.monitor(clock));
      await rebuilt.whenLive();
      expect(await rebuilt.check()).toBe(0);
      expect(await storedAlerts(stores.events)).toEqual(before);
      expect(rebuilt.status()).toMatchObject({ phase: 'live', cases: 3 });
      await rebuilt.stop();
      running.pop();
      expect(fresh.errors).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('two monitors on the same stores (the API and the CLI) still raise each alert once', async () => {
    await threeCases();
    const one = start(stores.monitor(clock));
    const two = start(stores.monitor(clock));
    await Promise.all([one.whenLive(), two.whenLive()]);
    clock.set(new Date(T0 + 8 * DAY));
    await Promise.all([one.check(), two.check(), one.check()]);
    const alerts = await storedAlerts(stores.events);
    expect(alerts.sort()).toEqual(['BNS-A BREACHED', 'BNS-B BREACHED', 'BNS-C BREACHED']);
  });
});

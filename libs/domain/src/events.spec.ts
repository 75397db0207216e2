import {
  CURRENT_SCHEMA_VERSION,
  EVENT_REGISTRY,
  extendRegistry,
  isDomainEventType,
  upcast,
  type Upcaster,
} from './events';

describe('event registry', () => {
  const data = { ticket: 'BNS-000000000001', reason: 'Belum menerima bantuan' };

  it('reads every event written today as it is: no upcaster runs at the current version', () => {
    for (const [type, version] of Object.entries(CURRENT_SCHEMA_VERSION)) {
      expect(upcast(type, version, data)).toBe(data);
    }
  });

  it('tells decisions from the audit trail of reads', () => {
    expect(isDomainEventType('ReportFiled')).toBe(true);
    expect(isDomainEventType('AuditRecordViewed')).toBe(false);
    expect(isDomainEventType('constructor')).toBe(false);
    expect(CURRENT_SCHEMA_VERSION.AuditRecordViewed).toBe(1);
  });

  describe('with upcasters supplied by the caller', () => {
    // A made-up history of ReportFiled: v1 named the reason `alasan`, v2 split the channel off.
    const v1to2: Upcaster = ({ alasan, ...rest }) => ({ ...rest, reason: alasan });
    const v2to3: Upcaster = (d) => ({ ...d, channel: d.channel ?? 'ONLINE' });
    const registry = extendRegistry(EVENT_REGISTRY, {
      versions: { ReportFiled: 3 },
      upcasters: { 'ReportFiled@1': v1to2, 'ReportFiled@2': v2to3 },
    });

    it('brings an old shape up one version at a time', () => {
      expect(upcast('ReportFiled', 1, { ticket: 'T', alasan: 'x' }, registry)).toEqual({ ticket: 'T', reason: 'x', channel: 'ONLINE' });
      expect(upcast('ReportFiled', 2, { ticket: 'T', reason: 'x', channel: 'DESA' }, registry)).toEqual({
        ticket: 'T',
        reason: 'x',
        channel: 'DESA',
      });
      expect(upcast('ReportFiled', 3, data, registry)).toBe(data);
    });

    it('leaves the default registry as it was', () => {
      expect(EVENT_REGISTRY.versions.ReportFiled).toBe(1);
      expect(upcast('ReportFiled', 1, data)).toBe(data);
    });

    it('refuses a gap in the chain, a shape newer than the code, and a type it does not know', () => {
      const gap = extendRegistry(EVENT_REGISTRY, { versions: { ReportFiled: 3 }, upcasters: { 'ReportFiled@1': v1to2 } });
      expect(() => upcast('ReportFiled', 1, data, gap)).toThrow('no upcaster for ReportFiled from version 2');
      expect(() => upcast('ReportFiled', 4, data, registry)).toThrow('newer than this code reads');
      expect(() => upcast('SomethingElse', 1, data, registry)).toThrow('unknown event type SomethingElse');
      expect(() => upcast('toString', 1, data)).toThrow('unknown event type toString');
    });
  });
});

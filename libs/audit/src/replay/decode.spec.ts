import { toDomainEvent } from '@bansos/application';
import { EVENT_REGISTRY, extendRegistry } from '@bansos/domain';
import { oneOfEach } from '../../../read-models/src/testing/stored-events';
import { recorded } from '../testing/recorded';
import { decodeEvent, decodeRegistered, isDecision } from './decode';

const viewed = {
  ...recorded(oneOfEach()[0]),
  streamId: 'audit-auditor-01',
  type: 'AuditRecordViewed',
  data: { record: { kind: 'report', ticket: 'BNS-000000000001' }, view: 'history', asOf: null, viewedAt: '2026-01-01T00:00:00.000Z' },
};

describe('decodeEvent', () => {
  it('reads every decision exactly as the live projector reads it', () => {
    for (const event of oneOfEach().map((e) => recorded(e))) {
      expect(decodeEvent(event)).toEqual(toDomainEvent(event));
      expect(decodeEvent(event)).not.toBeNull();
    }
  });

  it('gives null for the audit trail and for types it does not know: they change no view', () => {
    expect(decodeEvent(viewed)).toBeNull();
    expect(toDomainEvent(viewed)).toBeNull();
    expect(decodeEvent({ ...viewed, type: 'SomethingForeign' })).toBeNull();
  });

  it('reads through the registry it is given', () => {
    const event = recorded(oneOfEach()[3]); // ReportFiled, stored at version 1
    const registry = extendRegistry(EVENT_REGISTRY, {
      versions: { ReportFiled: 2 },
      upcasters: { 'ReportFiled@1': (d) => ({ ...d, reason: `${String(d.reason)} (v2)` }) },
    });
    expect(decodeEvent(event, registry)?.data).toMatchObject({ reason: 'Ayah kehilangan pekerjaan (v2)' });
  });

  it('takes the event id from the store when metadata lacks one, and version 1 when it has none', () => {
    const { eventId: _id, schemaVersion: _v, ...metadata } = recorded(oneOfEach()[3]).metadata;
    const registry = extendRegistry(EVENT_REGISTRY, { versions: { ReportFiled: 2 }, upcasters: { 'ReportFiled@1': (d) => ({ ...d, v: 2 }) } });
    const event = decodeEvent({ ...recorded(oneOfEach()[3]), id: 'stored-id', metadata }, registry);
    expect(event?.metadata.eventId).toBe('stored-id');
    expect(event?.data).toMatchObject({ v: 2 });
  });
});

describe('decodeRegistered', () => {
  it('reads every registered type, decisions and audit reads alike, and nothing else', () => {
    expect(decodeRegistered(viewed)).toMatchObject({ type: 'AuditRecordViewed', data: viewed.data, position: viewed.position });
    expect(isDecision(decodeRegistered(viewed)!)).toBe(false);
    expect(isDecision(decodeRegistered(recorded(oneOfEach()[0]))!)).toBe(true);
    expect(decodeRegistered({ ...viewed, type: 'SomethingForeign' })).toBeNull();
  });
});

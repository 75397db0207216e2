import type { RecordedEvent } from '@bansos/eventstore';
import { isSystemEvent } from './event-relay';

const event = (type: string, streamId: string): RecordedEvent => ({
  id: '0191f2d0-0000-7000-8000-000000000001',
  streamId,
  revision: 0n,
  position: 0n,
  type,
  data: {},
  metadata: {},
  recordedAt: new Date(0),
});

describe('isSystemEvent', () => {
  it("leaves EventStoreDB's own records ($-types, $-streams) out of the topic", () => {
    expect(isSystemEvent(event('$metadata', '$$report-BNS-1'))).toBe(true);
    expect(isSystemEvent(event('$>', '$ce-report'))).toBe(true);
    expect(isSystemEvent(event('Anything', '$settings'))).toBe(true);
  });

  it('publishes domain events and the SLA alerts', () => {
    expect(isSystemEvent(event('ReportFiled', 'report-BNS-1'))).toBe(false);
    expect(isSystemEvent(event('SlaBreached', 'sla-BNS-1'))).toBe(false);
  });
});

import { join } from 'node:path';
import { auditStream } from '@bansos/domain';
import { SqliteEventStore } from '@bansos/eventstore';
import { citizen, staff, tempDir } from '../../../test/support/int-registry';
import { recordAuditRead, type AuditRead } from './record-view';

describe('recording audit reads', () => {
  let temp: ReturnType<typeof tempDir>;
  let events: SqliteEventStore;
  beforeEach(() => {
    temp = tempDir('audit-read');
    events = SqliteEventStore.open(join(temp.dir, 'events.sqlite'));
  });
  afterEach(async () => {
    await events.close();
    temp.remove();
  });

  const read: AuditRead = { record: { kind: 'nik', nik: '3510011203750001' }, view: 'status', asOf: '2026-01-05T02:00:00.000Z' };

  it("appends who read which record, when, to the reader's own stream", async () => {
    await recordAuditRead(events, read, staff('read-1', 'auditor'));
    const [event] = await events.readStream(auditStream('auditor-01'));
    expect(event.type).toBe('AuditRecordViewed');
    expect(event.data).toEqual({ ...read, viewedAt: '2026-02-02T03:00:00.000Z' });
    expect(event.metadata).toMatchObject({ actor: { kind: 'staff', userId: 'auditor-01', role: 'auditor' }, schemaVersion: 1, correlationId: 'cor-read-1' });
  });

  it('records a retried request once, and every new request again', async () => {
    await recordAuditRead(events, read, staff('read-1', 'auditor'));
    await recordAuditRead(events, read, staff('read-1', 'auditor'));
    await recordAuditRead(events, read, staff('read-2', 'auditor'));
    expect(await events.readStream(auditStream('auditor-01'))).toHaveLength(2);
  });

  it('refuses a reader who is not staff', async () => {
    await expect(recordAuditRead(events, read, citizen('read-3'))).rejects.toThrow('only staff');
    expect(await events.headPosition()).toBe(-1n);
  });
});

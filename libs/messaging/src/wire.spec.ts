import type { RecordedEvent } from '@bansos/eventstore';
import { decodeEvent, encodeEvent, HEADERS, WIRE_FORMAT, WireFormatError } from './wire';

const event: RecordedEvent = {
  id: '0191f2d0-0000-7000-8000-000000000001',
  streamId: 'report-BNS-ABC123',
  revision: 3n,
  // Past 2^53: a JSON number would lose digits, a decimal string does not.
  position: 9007199254740993n,
  type: 'EligibilityAssessed',
  data: { ticket: 'BNS-ABC123', eligible: true, nested: { list: [1, 'two', null] } },
  metadata: { schemaVersion: 1, occurredAt: '2026-03-01T02:00:00.000Z' },
  recordedAt: new Date('2026-03-01T02:00:00.123Z'),
};

const received = (message: { key: string; value: string }) => ({ key: Buffer.from(message.key), value: Buffer.from(message.value) });

describe('wire format', () => {
  it('round-trips a recorded event exactly, bigints included', () => {
    expect(decodeEvent(received(encodeEvent(event)))).toEqual(event);
  });

  it('keys the message by stream id, so one case stays on one partition', () => {
    expect(encodeEvent(event).key).toBe('report-BNS-ABC123');
  });

  it('writes position and revision as decimal strings and the record time as ISO-8601', () => {
    const body = JSON.parse(encodeEvent(event).value);
    expect(body.position).toBe('9007199254740993');
    expect(body.revision).toBe('3');
    expect(body.recordedAt).toBe('2026-03-01T02:00:00.123Z');
  });

  it('repeats the id, type and position in headers, with the format', () => {
    expect(encodeEvent(event).headers).toEqual({
      [HEADERS.format]: WIRE_FORMAT,
      [HEADERS.eventId]: event.id,
      [HEADERS.eventType]: 'EligibilityAssessed',
      [HEADERS.position]: '9007199254740993',
    });
  });

  it('decodes a message without a key', () => {
    expect(decodeEvent({ value: encodeEvent(event).value }).position).toBe(9007199254740993n);
  });

  const body = JSON.parse(encodeEvent(event).value);
  const broken: Array<[string, unknown, string]> = [
    ['a tombstone', null, 'no value'],
    ['not JSON', '{oops', 'not JSON'],
    ['an array', '[]', 'not a JSON object'],
    ['a numeric position', JSON.stringify({ ...body, position: 12 }), 'field position'],
    ['a negative revision', JSON.stringify({ ...body, revision: '-1' }), 'field revision'],
    ['a missing type', JSON.stringify({ ...body, type: undefined }), 'field type'],
    ['data that is not an object', JSON.stringify({ ...body, data: 'x' }), 'field data'],
    ['a local time', JSON.stringify({ ...body, recordedAt: '2026-03-01 09:00' }), 'field recordedAt'],
  ];
  it.each(broken)('refuses %s, naming what is wrong', (_, value, message) => {
    const decode = () => decodeEvent({ value: value === null ? null : Buffer.from(value as string) });
    expect(decode).toThrow(WireFormatError);
    expect(decode).toThrow(message);
  });

  it('refuses a key that is not the stream id (a message from another producer)', () => {
    expect(() => decodeEvent({ key: 'report-OTHER', value: encodeEvent(event).value })).toThrow('stream id');
  });

  it('never puts the content of a broken message into the error', () => {
    const secret = JSON.stringify({ ...body, data: { nik: '3510011203750001' }, position: 'x' });
    const thrown = (() => {
      try {
        decodeEvent({ value: Buffer.from(secret) });
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(thrown).toBeInstanceOf(WireFormatError);
    expect(String(thrown)).not.toContain('3510011203750001');
  });
});

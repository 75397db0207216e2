import { BUDI, PKH } from '../support/people';
import { RunningApp } from '../support/http-app';

/** Whatever a client sends, the answer is a 4xx with {"error":{"code","message"}}, never a 500. */
describe('bad input over HTTP', () => {
  let app: RunningApp;
  let operator: string;
  let assessor: string;

  beforeAll(async () => {
    app = await RunningApp.start();
    operator = app.token('op-1', 'operator');
    assessor = app.token('as-1', 'assessor');
  });
  afterAll(() => app.stop());

  const expectError = (res: { status: number; body: Record<string, any> }, status: number, code?: string) => {
    expect(res.status).toBe(status);
    expect(typeof res.body.error.code).toBe('string');
    expect(typeof res.body.error.message).toBe('string');
    if (code) expect(res.body.error.code).toBe(code);
  };

  it.each([
    ['empty NIK', { nik: '' }, 'INVALID_NIK'],
    ['short NIK', { nik: '351001450690000' }, 'INVALID_NIK'],
    ['NIK with a space', { nik: '3510 14506900001' }, 'INVALID_NIK'],
    ['number instead of text', { nik: 3510014506900001 }, 'INVALID_NIK'],
    ['missing NIK', {}, 'INVALID_NIK'],
    ['bad KK', { nik: '3510014506900001', kk: '12' }, 'INVALID_KK'],
  ])('check: %s', async (_name, body, code) => {
    expectError(await app.call('POST', '/api/v1/check', body), 400, code);
  });

  it('check: the NIK error codes are listed in details', async () => {
    const res = await app.call('POST', '/api/v1/check', { nik: '9910014506900000' });
    expect(res.body.error.details.errors.map((e: { code: string }) => e.code)).toEqual(['province', 'serial']);
  });

  it.each([
    ['not JSON', '{"nik":', 'application/json'],
    ['an array', '[]', 'application/json'],
    ['null', 'null', 'application/json'],
    ['plain text', 'hello', 'text/plain'],
  ])('check: body that is %s', async (_name, body, type) => {
    const res = await app.call('POST', '/api/v1/check', body, undefined, type);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(typeof res.body.error.code).toBe('string');
  });

  it.each([
    ['no subject', { reason: 'tolong' }],
    ['subject without address', { subject: { nik: BUDI.nik, kk: BUDI.kk, fullName: 'X' }, reason: 'tolong dibantu' }],
    ['unknown village', { subject: { ...BUDI, address: { ...BUDI.address, villageCode: '3510019999' } }, reason: 'tolong dibantu' }],
    ['bad channel', { subject: BUDI, reason: 'tolong dibantu', channel: 'FAX' }],
    ['too short a reason', { subject: BUDI, reason: 'x' }],
    ['bad reporter', { subject: BUDI, reason: 'tolong dibantu', reporter: { kind: 'other' } }],
  ])('report: %s', async (_name, body) => {
    expectError(await app.call('POST', '/api/v1/reports', body), 400);
  });

  it('report: citizens cannot file through the village channel', async () => {
    expectError(await app.call('POST', '/api/v1/reports', { subject: BUDI, reason: 'tolong dibantu', channel: 'DESA' }), 400, 'CHANNEL_NOT_ALLOWED');
  });

  it.each(['nope', 'BNS-123', "BNS-'OR 1=1--", 'BNS-IIIIIIIIIIII'])('report status: ticket %s', async (ticket) => {
    expectError(await app.call('GET', `/api/v1/reports/${encodeURIComponent(ticket)}`), 400, 'INVALID_TICKET');
  });

  it('report status: unknown ticket is a 404', async () => {
    expectError(await app.call('GET', '/api/v1/reports/BNS-0000000000AB'), 404, 'REPORT_NOT_FOUND');
  });

  it('staff endpoints need a valid token of the right role', async () => {
    const body = { ...BUDI, program: PKH, source: 'PUSAT' };
    expectError(await app.call('POST', '/api/v1/recipients', body), 401, 'UNAUTHENTICATED');
    expectError(await app.call('POST', '/api/v1/recipients', body, 'not-a-token'), 401, 'INVALID_TOKEN');
    expectError(await app.call('POST', '/api/v1/recipients', body, `${operator}x`), 401, 'INVALID_TOKEN');
    expectError(await app.call('POST', '/api/v1/recipients', body, assessor), 403, 'FORBIDDEN');
  });

  it.each([
    ['bad source', { ...BUDI, program: PKH, source: 'DESA' }, 'INVALID_SOURCE'],
    ['no program', { ...BUDI, source: 'PUSAT' }, 'INVALID_BODY'],
    ['bad RT', { ...BUDI, address: { ...BUDI.address, rt: 'A1' }, program: PKH, source: 'PUSAT' }, 'INVALID_RT'],
    ['digits in the name', { ...BUDI, fullName: 'B0DI', program: PKH, source: 'PUSAT' }, 'INVALID_NAME'],
  ])('register: %s', async (_name, body, code) => {
    expectError(await app.call('POST', '/api/v1/recipients', body, operator), 400, code);
  });

  it.each([
    ['no eligible flag', { reason: 'ok' }, 'INVALID_ELIGIBLE'],
    ['eligible without a source', { eligible: true, reason: 'layak', program: PKH }, 'INVALID_SOURCE'],
  ])('assessment: %s', async (_name, body, code) => {
    expectError(await app.call('POST', '/api/v1/reports/BNS-0000000000AB/assessment', body, assessor), 400, code);
  });

  it('assessment of an unknown ticket is a 404', async () => {
    const res = await app.call('POST', '/api/v1/reports/BNS-0000000000AB/assessment', { eligible: false, reason: 'tidak layak' }, assessor);
    expectError(res, 404, 'REPORT_NOT_FOUND');
  });

  it('a refused command writes nothing', async () => {
    const before = await app.system.events.headPosition();
    await app.call('POST', '/api/v1/recipients', { ...BUDI, source: 'NOPE', program: PKH }, operator);
    await app.call('POST', '/api/v1/reports/BNS-0000000000AB/disbursement', { amount: 1, method: 'CASH', reference: 'r' }, app.token('k', 'disburser'));
    expect(await app.system.events.headPosition()).toBe(before);
  });
});

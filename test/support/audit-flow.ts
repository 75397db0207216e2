import { BLT, BUDI, BUDI_SON, PKH, SITI } from './people';
import { eventually, type RunningApp } from './http-app';

export interface FlowRecord {
  /** The auto-rejected report about Budi's son (matched Budi's household enrolment). */
  readonly sonTicket: string;
  /** Siti's report: filed, assessed eligible, paid. */
  readonly sitiTicket: string;
  /** Instants between the steps of Siti's report, for as-of questions. */
  readonly afterFiling: string;
  readonly afterAssessment: string;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 15));

/** Between two steps: an instant strictly after the first and strictly before the second. */
async function between(): Promise<string> {
  await tick();
  const at = new Date().toISOString();
  await tick();
  return at;
}

/**
 * The e2e flow (test/e2e/flow.e2e-spec.ts) as the auditors find it: Budi enrolled
 * (PUSAT), a second source for his household refused, reports about Budi and his son
 * auto-rejected, Siti reported by a neighbour, assessed eligible and paid.
 */
export async function runFlow(app: RunningApp): Promise<FlowRecord> {
  const operator = app.token('op-desa-01', 'operator');
  const assessor = app.token('tim-verif-01', 'assessor');
  const disburser = app.token('kasir-01', 'disburser');
  const ok = <R extends { status: number; text: string }>(res: R, status: number): R => {
    if (res.status !== status) throw new Error(`expected HTTP ${status}, got ${res.status}: ${res.text}`);
    return res;
  };
  ok(await app.call('POST', '/api/v1/recipients', { ...BUDI, program: PKH, source: 'PUSAT' }, operator), 201);
  ok(await app.call('POST', '/api/v1/recipients', { ...BUDI_SON, program: BLT, source: 'KABUPATEN' }, operator), 409);
  ok(await app.call('POST', '/api/v1/reports', { subject: BUDI, reporter: { kind: 'self' }, reason: 'Belum menerima bantuan' }), 201);
  const son = ok(await app.call('POST', '/api/v1/reports', { subject: BUDI_SON, reporter: { kind: 'self' }, reason: 'Belum menerima bantuan' }), 201);
  const siti = ok(
    await app.call('POST', '/api/v1/reports', {
      subject: SITI,
      reporter: { kind: 'other', name: 'Tetangga Baik', phone: '081234567890' },
      reason: 'Suami meninggal, tidak ada penghasilan',
    }),
    201,
  );
  const sitiTicket = siti.body.ticket as string;
  const afterFiling = await between();
  ok(
    await app.call(
      'POST',
      `/api/v1/reports/${sitiTicket}/assessment`,
      { eligible: true, reason: 'Janda, tanpa penghasilan tetap', program: BLT, source: 'KABUPATEN' },
      assessor,
    ),
    200,
  );
  const afterAssessment = await between();
  ok(await app.call('POST', `/api/v1/reports/${sitiTicket}/disbursement`, { amount: 600000, method: 'CASH', reference: 'KW-001' }, disburser), 200);
  ok(await app.call('POST', `/api/v1/reports/${sitiTicket}/disbursement`, { amount: 600000, method: 'CASH', reference: 'KW-002' }, disburser), 409);
  // The read models are eventually consistent: let them reach the head before anyone compares.
  const head = await app.system.events.headPosition();
  await eventually(async () => {
    if (app.system.projector.appliedPosition() < head) throw new Error('projector behind');
  });
  return { sonTicket: son.body.ticket as string, sitiTicket, afterFiling, afterAssessment };
}

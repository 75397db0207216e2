import type { StaffRole } from '@bansos/domain';
import { eventually as retry, type HttpAnswer } from './http-call';
import { BLT, BUDI, BUDI_SON, PKH, SITI } from './people';

/** A running cek-bansos, whichever profile: the flow below talks to it over HTTP only. */
export interface FlowTarget {
  call(method: string, path: string, body?: unknown, token?: string): Promise<HttpAnswer>;
  token(userId: string, role: StaffRole): string;
  /** Stops every process and starts them again on the same stores. */
  restart(): Promise<void>;
  headPosition(): Promise<bigint>;
  stop(): Promise<void>;
}

/**
 * The whole Cek Bansos flow of the mission: register, check, a report about an enrolled
 * person (auto-rejected), a report about a new person, assess eligible, disburse, check,
 * a second disbursement refused; then a restart, and everything is still there.
 */
export function describeCekBansosFlow(title: string, open: () => Promise<FlowTarget>, timeoutMs = 5000): void {
  describe(title, () => {
    let target: FlowTarget;
    let operator: string;
    let assessor: string;
    let disburser: string;

    // The production profile's read models live in other processes: give them longer.
    const eventually = <T>(probe: () => Promise<T>) => retry(probe, timeoutMs);

    beforeAll(async () => {
      target = await open();
      operator = target.token('op-desa-01', 'operator');
      assessor = target.token('tim-verif-01', 'assessor');
      disburser = target.token('kasir-01', 'disburser');
    }, 180_000);
    afterAll(() => target?.stop(), 60_000);

    const checkEnrolled = (nik: string) =>
      eventually(async () => {
        const res = await target.call('POST', '/api/v1/check', { nik });
        // Each person asked about here is enrolled themselves. A read model without
        // multi-document transactions (MongoDB) may show the household's entry a moment first.
        expect(res.body).toMatchObject({ enrolled: true, match: 'person' });
        return res;
      });

    let ticket = '';

    it('registers a recipient and refuses a second source for the same household', async () => {
      const first = await target.call('POST', '/api/v1/recipients', { ...BUDI, program: PKH, source: 'PUSAT' }, operator);
      expect(first.status).toBe(201);
      const sameHousehold = await target.call('POST', '/api/v1/recipients', { ...BUDI_SON, program: BLT, source: 'KABUPATEN' }, operator);
      expect(sameHousehold.status).toBe(409);
      expect(sameHousehold.body.error.code).toBe('HOUSEHOLD_ALREADY_ENROLLED');
      const again = await target.call('POST', '/api/v1/recipients', { ...BUDI, program: PKH, source: 'PUSAT' }, operator);
      expect(again.body.error.code).toBe('NIK_ALREADY_ENROLLED');
    });

    it('checks an enrolled NIK with the name masked and no address', async () => {
      const res = await checkEnrolled(BUDI.nik);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ enrolled: true, match: 'person', name: 'B***I S*****O', source: 'PUSAT', program: PKH });
      expect(res.text).not.toContain('Pesanggaran');
      expect(res.text).not.toContain(BUDI.nik);
      expect(res.text).not.toContain('BUDI');
    });

    it('auto-rejects a report about an enrolled person and about a member of an enrolled household', async () => {
      const aboutBudi = await target.call('POST', '/api/v1/reports', { subject: BUDI, reporter: { kind: 'self' }, reason: 'Belum menerima bantuan' });
      expect(aboutBudi.status).toBe(201);
      expect(aboutBudi.body).toMatchObject({ status: 'auto_rejected', autoRejection: { match: 'person', source: 'PUSAT' } });
      const aboutSon = await target.call('POST', '/api/v1/reports', { subject: BUDI_SON, reporter: { kind: 'self' }, reason: 'Belum menerima bantuan' });
      expect(aboutSon.body).toMatchObject({ status: 'auto_rejected', autoRejection: { match: 'household', source: 'PUSAT' } });
    });

    it('files a report about a new person, and a second report gives the same ticket', async () => {
      const filed = await target.call('POST', '/api/v1/reports', {
        subject: SITI,
        reporter: { kind: 'other', name: 'Tetangga Baik', phone: '081234567890' },
        reason: 'Suami meninggal, tidak ada penghasilan',
      });
      expect(filed.status).toBe(201);
      expect(filed.body.status).toBe('awaiting_assessment');
      ticket = filed.body.ticket;
      expect(ticket).toMatch(/^BNS-[0-9A-Z]{12}$/);
      const again = await target.call('POST', '/api/v1/reports', { subject: SITI, reporter: { kind: 'self' }, reason: 'Mohon dibantu' });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ status: 'duplicate', ticket });

      const status = await eventually(async () => {
        const res = await target.call('GET', `/api/v1/reports/${ticket}`);
        expect(res.status).toBe(200);
        return res;
      });
      expect(status.body).toMatchObject({ status: 'awaiting_assessment', name: 'S***I A****H' });
      expect(status.text).not.toContain(SITI.nik);
      expect(status.text).not.toContain('Raya Pesanggaran');
    });

    it('lists the report in the staff worklist, for staff only', async () => {
      expect((await target.call('GET', '/api/v1/reports?status=awaiting_assessment')).status).toBe(401);
      const list = await target.call('GET', '/api/v1/reports?status=awaiting_assessment&pageSize=10', undefined, assessor);
      expect(list.status).toBe(200);
      expect(list.body.items.map((i: { ticket: string }) => i.ticket)).toContain(ticket);
    });

    it('assesses eligible, disburses once and refuses a second disbursement', async () => {
      expect((await target.call('POST', `/api/v1/reports/${ticket}/assessment`, { eligible: true, reason: 'x', source: 'KABUPATEN', program: BLT }, disburser)).status).toBe(403);
      const assessed = await target.call(
        'POST',
        `/api/v1/reports/${ticket}/assessment`,
        { eligible: true, reason: 'Janda, tanpa penghasilan tetap', program: BLT, source: 'KABUPATEN' },
        assessor,
      );
      expect(assessed.status).toBe(200);
      expect(assessed.body.eligible).toBe(true);
      const deadline = Date.parse(assessed.body.disbursementDeadline) - Date.now();
      expect(deadline).toBeGreaterThan(7 * 86_400_000 - 60_000);
      expect(deadline).toBeLessThanOrEqual(7 * 86_400_000);

      const paid = await target.call('POST', `/api/v1/reports/${ticket}/disbursement`, { amount: 600000, method: 'CASH', reference: 'KW-001' }, disburser);
      expect(paid.status).toBe(200);
      const twice = await target.call('POST', `/api/v1/reports/${ticket}/disbursement`, { amount: 600000, method: 'CASH', reference: 'KW-002' }, disburser);
      expect(twice.status).toBe(409);
      expect(twice.body.error.code).toBe('ALREADY_DISBURSED');
    });

    it('has the SLA monitor resolve the case as paid on time', async () => {
      const ops = target.token('ops-01', 'ops');
      const resolved = await eventually(async () => {
        const res = await target.call('GET', '/api/v1/sla/alerts?status=RESOLVED', undefined, ops);
        expect(res.body.items.map((a: { ticket: string }) => a.ticket)).toContain(ticket);
        return res;
      });
      // Paid at once: ahead of the deadline, so "late by" is negative.
      expect(resolved.body.items.find((a: { ticket: string }) => a.ticket === ticket).lateByMs).toBeLessThan(0);
    });

    it('shows the newly enrolled person in the check', async () => {
      const res = await checkEnrolled(SITI.nik);
      expect(res.body).toMatchObject({ match: 'person', source: 'KABUPATEN', program: BLT });
    });

    it('keeps everything after a restart on the same stores', async () => {
      const before = await target.headPosition();
      await target.restart();
      expect(await target.headPosition()).toBe(before);
      await checkEnrolled(BUDI.nik);
      await checkEnrolled(SITI.nik);
      const status = await eventually(async () => {
        const res = await target.call('GET', `/api/v1/reports/${ticket}`);
        expect(res.body.status).toBe('disbursed');
        return res;
      });
      expect(status.status).toBe(200);
      const staff = target.token('kasir-01', 'disburser');
      const twice = await target.call('POST', `/api/v1/reports/${ticket}/disbursement`, { amount: 1, method: 'CASH', reference: 'KW-003' }, staff);
      expect(twice.body.error.code).toBe('ALREADY_DISBURSED');
    });
  });
}

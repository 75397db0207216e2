import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { auditStream } from '@bansos/domain';
import { auditCommand } from '../../apps/cli/src/audit/audit-command';
import { UsageError } from '../../apps/cli/src/flags';
import { runFlow, type FlowRecord } from '../support/audit-flow';
import { capturedIo } from '../support/captured-io';
import { eventually, RunningApp } from '../support/http-app';
import { tempDir } from '../support/int-registry';
import { BUDI, BUDI_SON, SITI } from '../support/people';

/**
 * `bansos audit replay|export|verify` run in-process against the data directory of a
 * running API that the e2e flow filled, as an auditor runs them next to the service.
 */
describe('bansos audit on a store filled by the e2e flow', () => {
  let app: RunningApp;
  let flow: FlowRecord;
  let work: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    app = await RunningApp.start();
    flow = await runFlow(app);
    // An audit read is in the log too: replay and export must take it in their stride.
    await app.call('POST', '/api/v1/audit/history', { nik: SITI.nik }, app.token('auditor-bpk-01', 'auditor'));
    await quiet(app);
    work = tempDir('audit-cli');
  });
  afterAll(async () => {
    await app.stop();
    work.remove();
  });

  const run = async (...args: string[]) => {
    const io = capturedIo();
    const code = await auditCommand(args, io);
    return { code, stdout: io.stdout.text, stderr: io.stderr.text };
  };
  const PERSONAL = [BUDI.nik, BUDI.kk, BUDI_SON.nik, SITI.nik, SITI.kk, 'SANTOSO', 'AMINAH', 'Pesanggaran'];

  it('finds no drift: every read model follows from the events', async () => {
    const { code, stdout } = await run('replay', '--data-dir', app.dataDir);
    expect(stdout).toMatch(/no drift: every read model follows from the events/);
    expect(code).toBe(0);
    for (const collection of ['lookup', 'reports', 'audit_index']) {
      expect(stdout).toMatch(new RegExp(`^${collection} +\\d+ documents  live sha256:([0-9a-f]{64})  rebuilt sha256:\\1  same$`, 'm'));
    }
    expect(stdout).toMatch(/^replay: \d+ events up to position \d+, rebuilt in [\d.]+ s \(\d+ events\/s\)/m);
  });

  it('reports a deliberately altered document as drift, by ticket or hashed id, and exits 1', async () => {
    const db = new Database(join(app.dataDir, 'read-models.sqlite'));
    const sitiKey = app.system.lookupKeys.nik(SITI.nik);
    try {
      db.prepare(`UPDATE rm_reports SET body = json_set(body, '$.status', 'not_eligible') WHERE id = ?`).run(flow.sitiTicket);
      db.prepare('DELETE FROM rm_lookup WHERE id = ?').run(sitiKey);
      db.prepare(`INSERT INTO rm_audit_index (id, position, body) VALUES ('nik:forged', 1, '{"tickets":["BNS-000000000001"]}')`).run();
    } finally {
      db.close();
    }
    const { code, stdout } = await run('replay', '--data-dir', app.dataDir);
    expect(code).toBe(1);
    expect(stdout).toContain(`drift: reports changed ${flow.sitiTicket} fields status`);
    expect(stdout).toContain(`drift: lookup missing ${sitiKey}`);
    expect(stdout).toContain('drift: audit_index extra nik:forged');
    expect(stdout).toMatch(/^reports +\d+ documents .* DIFFERENT$/m);
    expect(stdout).toMatch(/DRIFT: 3 document\(s\) differ/);
    for (const clear of PERSONAL) expect(stdout).not.toContain(clear);
  });

  describe('export and verify', () => {
    let file: string;
    let lines: string[];

    beforeAll(async () => {
      file = join(work.dir, 'export.jsonl');
      const { code, stdout, stderr } = await run('export', '--data-dir', app.dataDir, '--user', 'auditor-bpk-01');
      expect(code).toBe(0);
      writeFileSync(file, stdout);
      lines = stdout.trimEnd().split('\n');
      expect(stderr).toMatch(new RegExp(`exported ${lines.length - 2} events up to position \\d+; chain tip [0-9a-f]{64}`));
    });

    it('writes a header, one line per event, and an end line, each chained to the one before', () => {
      const parsed = lines.map((line) => JSON.parse(line) as Record<string, any>);
      expect(parsed[0]).toMatchObject({ kind: 'header', format: 'bansos-audit-export/1', from: null, to: null });
      expect(parsed[parsed.length - 1]).toMatchObject({ kind: 'end', events: lines.length - 2 });
      expect(parsed[0].prev).toBe('0'.repeat(64));
      for (let i = 1; i < parsed.length; i++) expect(parsed[i].prev).toBe(parsed[i - 1].hash);
      const types = parsed.filter((p) => p.kind === 'event').map((p) => p.type);
      expect(types).toEqual(expect.arrayContaining(['RecipientRegistered', 'ReportAutoRejected', 'AidDisbursed', 'AuditRecordViewed']));
    });

    it('records the export in the exporter’s audit trail', async () => {
      const trail = await app.system.events.readStream(auditStream('auditor-bpk-01'));
      const last = trail[trail.length - 1];
      expect(last.data).toMatchObject({ view: 'export', record: { kind: 'export', from: null, to: null } });
      const header = JSON.parse(lines[0]) as { upToPosition: string };
      expect((last.data.record as { upToPosition: string }).upToPosition).toBe(header.upToPosition);
    });

    it('verifies the file unaltered', async () => {
      const { code, stdout } = await run('verify', file);
      expect(stdout).toMatch(new RegExp(`^ok: ${lines.length - 2} events in ${lines.length} lines, unaltered; chain tip [0-9a-f]{64}$`, 'm'));
      expect(code).toBe(0);
    });

    it('names the changed line when one event is altered', async () => {
      const n = lines.findIndex((line) => line.includes('"type":"AidDisbursed"'));
      const altered = [...lines];
      altered[n] = altered[n].replace('"amount":600000', '"amount":6000000');
      expect(altered[n]).not.toBe(lines[n]);
      const tampered = join(work.dir, 'tampered.jsonl');
      writeFileSync(tampered, `${altered.join('\n')}\n`);
      const { code, stdout } = await run('verify', tampered);
      expect(code).toBe(1);
      expect(stdout).toBe(`broken at line ${n + 1}: its content does not match its hash: the line was changed\n`);
    });

    it('names the line after a removed one, and a file cut short', async () => {
      const removed = join(work.dir, 'removed.jsonl');
      writeFileSync(removed, `${[...lines.slice(0, 3), ...lines.slice(4)].join('\n')}\n`);
      expect((await run('verify', removed)).stdout).toMatch(/^broken at line 4: does not follow line 3/);
      const cut = join(work.dir, 'cut.jsonl');
      writeFileSync(cut, `${lines.slice(0, -1).join('\n')}\n`);
      expect(await run('verify', cut)).toMatchObject({ code: 1, stdout: `broken at line ${lines.length}: the file ends without its end line: it was cut short\n` });
    });

    it('exports a time range: events that occurred in [from, to), still a verifiable chain', async () => {
      const { stdout } = await run('export', '--data-dir', app.dataDir, '--from', flow.afterFiling, '--to', flow.afterAssessment);
      const parsed = stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, any>);
      const types = parsed.filter((p) => p.kind === 'event').map((p) => p.type);
      expect(types).toEqual(['NikLinkedToHousehold', 'RecipientRegistered', 'EligibilityAssessed']);
      const ranged = join(work.dir, 'ranged.jsonl');
      writeFileSync(ranged, stdout);
      expect((await run('verify', ranged)).code).toBe(0);
    });

    it('refuses a range that is not an instant with a zone, and a file it cannot read', async () => {
      await expect(run('export', '--data-dir', app.dataDir, '--from', '2026-01-05')).rejects.toThrow(UsageError);
      expect((await run('verify', join(work.dir, 'missing.jsonl'))).code).toBe(2);
      expect(readFileSync(file, 'utf8').length).toBeGreaterThan(0);
    });
  });
});

/** Waits until nothing more is being appended (the SLA monitor reacts to the flow) and the projector has caught up. */
async function quiet(app: RunningApp): Promise<void> {
  let last = -2n;
  await eventually(async () => {
    const head = await app.system.events.headPosition();
    const stable = head === last;
    last = head;
    if (!stable || app.system.projector.appliedPosition() < head) throw new Error('still moving');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }, 10_000);
}

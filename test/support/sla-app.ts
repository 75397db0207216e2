import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StaffRole } from '@bansos/domain';
import { embeddedApi, openEmbeddedSystem, signToken, type ManualClock, type System } from '@bansos/platform';
import { DEFAULT_SLA_CONFIG } from '@bansos/sla';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../apps/api/src/app.factory';

/**
 * The whole embedded system over HTTP, like RunningApp, but on a clock the test moves
 * and with the SLA monitor checking every 25 ms, so "seven days later" takes a moment.
 */
export class SlaApp {
  private constructor(
    readonly dataDir: string,
    readonly clock: ManualClock,
    readonly system: System,
    readonly app: NestFastifyApplication,
    readonly baseUrl: string,
  ) {}

  static async start(clock: ManualClock, dataDir = mkdtempSync(join(tmpdir(), 'bansos-sla-e2e-'))): Promise<SlaApp> {
    const system = await openEmbeddedSystem({ dataDir, clock, sla: { ...DEFAULT_SLA_CONFIG, checkIntervalMs: 25 } });
    const app = await createApp(embeddedApi(system), { checkRateLimitPerMinute: 0, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return new SlaApp(dataDir, clock, system, app, `http://127.0.0.1:${port}`);
  }

  async restart(): Promise<SlaApp> {
    await this.stop();
    return SlaApp.start(this.clock, this.dataDir);
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.system.close();
  }

  /** Signed on the test's clock (the guard checks expiry against it), valid for 60 days of it. */
  token(userId: string, role: StaffRole): string {
    return signToken(this.system.secrets.tokenSecret, userId, role, this.clock.now(), 60 * 24 * 3600);
  }

  async call(method: string, path: string, body?: unknown, token?: string) {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : {}, text };
  }

  /** Opens a Server-Sent Events stream and collects its events as they arrive. */
  async sse(path: string, token: string, lastEventId?: string): Promise<SseClient> {
    const abort = new AbortController();
    const response = await fetch(`${this.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
      signal: abort.signal,
    });
    return new SseClient(response, abort);
  }
}

export interface SseEvent {
  readonly id?: string;
  readonly event?: string;
  readonly data: Record<string, any>;
}

export class SseClient {
  readonly events: SseEvent[] = [];
  readonly done: Promise<void>;

  constructor(
    readonly response: Response,
    private readonly abort: AbortController,
  ) {
    this.done = this.read().catch(() => undefined);
  }

  close(): void {
    this.abort.abort();
  }

  private async read(): Promise<void> {
    if (!this.response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of this.response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = new Map<string, string>();
        for (const line of block.split('\n')) {
          const colon = line.indexOf(':');
          if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
        }
        const data = fields.get('data');
        if (data !== undefined) this.events.push({ id: fields.get('id'), event: fields.get('event'), data: JSON.parse(data) });
      }
    }
  }
}

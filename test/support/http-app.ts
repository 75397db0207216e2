import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StaffRole } from '@bansos/domain';
import { openEmbeddedSystem, signToken, type System } from '@bansos/platform';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../apps/api/src/app.factory';

/** The whole embedded system behind a real HTTP port, on a data directory that can be reopened. */
export class RunningApp {
  private constructor(
    readonly dataDir: string,
    readonly system: System,
    readonly app: NestFastifyApplication,
    readonly baseUrl: string,
  ) {}

  static async start(dataDir = mkdtempSync(join(tmpdir(), 'bansos-e2e-'))): Promise<RunningApp> {
    const system = await openEmbeddedSystem({ dataDir });
    const app = await createApp(system, { checkRateLimitPerMinute: 0, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return new RunningApp(dataDir, system, app, `http://127.0.0.1:${port}`);
  }

  async restart(): Promise<RunningApp> {
    await this.stop();
    return RunningApp.start(this.dataDir);
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.system.close();
  }

  token(userId: string, role: StaffRole): string {
    return signToken(this.system.secrets.tokenSecret, userId, role, new Date());
  }

  async call(method: string, path: string, body?: unknown, token?: string, contentType = 'application/json') {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': contentType } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : {}, text };
  }
}

/** Retries an assertion until the read models have caught up (they are eventually consistent). */
export async function eventually<T>(probe: () => Promise<T>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

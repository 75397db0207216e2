import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StaffRole } from '@bansos/domain';
import { embeddedApi, openEmbeddedSystem, signToken, type System } from '@bansos/platform';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../apps/api/src/app.factory';
import { eventually, httpCall, type HttpAnswer } from './http-call';

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
    const app = await createApp(embeddedApi(system), { checkRateLimitPerMinute: 0, logger: false });
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

  call(method: string, path: string, body?: unknown, token?: string, contentType = 'application/json'): Promise<HttpAnswer> {
    return httpCall(this.baseUrl, method, path, body, token, contentType);
  }
}

export { eventually };

/**
 * One app for every test of the enclosing describe, started before the first and stopped
 * after the last. Returns a getter, since the app exists only once started.
 */
export function appForAll(): () => RunningApp {
  let app: RunningApp;
  beforeAll(async () => {
    app = await RunningApp.start();
  });
  afterAll(() => app.stop());
  return () => app;
}

import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ProductionApp } from '@bansos/platform';
import { freePort } from './free-port';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * One app of the production profile as a real process, started from the build (dist/),
 * as the compose file starts it. Its output is kept for the failure message.
 */
export class AppProcess {
  private output = '';
  private exited: Promise<number | null>;

  private constructor(
    readonly app: ProductionApp,
    readonly port: number,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static async start(app: ProductionApp, env: Record<string, string>): Promise<AppProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', app, 'src', 'main.js')], {
      cwd: ROOT,
      env: { ...process.env, ...env, PROFILE: 'production', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const started = new AppProcess(app, port, child);
    await started.waitReady();
    return started;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Until /health/ready answers 200; fails with the process's output if it exits or takes too long. */
  async waitReady(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exitCode: number | null | undefined;
    void this.exited.then((code) => (exitCode = code));
    for (;;) {
      if (exitCode !== undefined) throw new Error(`${this.app} exited with ${exitCode}:\n${this.output}`);
      const ok = await fetch(`${this.url}/health/ready`).then(
        (res) => res.ok,
        () => false,
      );
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`${this.app} not ready after ${timeoutMs} ms:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async health(): Promise<Record<string, unknown>> {
    return (await (await fetch(`${this.url}/health`)).json()) as Record<string, unknown>;
  }

  /** SIGTERM: a graceful stop (drain, commit, close); resolves with the exit code. */
  stop(): Promise<number | null> {
    this.child.kill('SIGTERM');
    return this.exited;
  }

  /** SIGKILL: the crash the at-least-once design is for. */
  kill(): Promise<number | null> {
    this.child.kill('SIGKILL');
    return this.exited;
  }

  logs(): string {
    return this.output;
  }
}

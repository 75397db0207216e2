import { randomBytes } from 'node:crypto';
import type { StaffRole } from '@bansos/domain';
import { signToken, type ProductionApp } from '@bansos/platform';
import { httpCall, type HttpAnswer } from '../http-call';
import { AppProcess } from './app-process';

/** Where the engines are; the cluster adds a fresh database and topic of its own. */
export interface EngineAddresses {
  readonly eventStoreUrl: string;
  readonly mongoUrl: string;
  readonly kafkaBrokers: string;
}

export const APPS: readonly ProductionApp[] = ['projector', 'relay', 'sla-monitor', 'api'];

/**
 * The production profile as it runs for real: api, projector, relay and sla-monitor as
 * separate processes over EventStoreDB (here its emulator), MongoDB (FerretDB) and Kafka.
 */
export class Cluster {
  private readonly running = new Map<ProductionApp, AppProcess>();
  readonly env: Record<string, string>;

  constructor(engines: EngineAddresses, extraEnv: Record<string, string> = {}) {
    const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
    this.env = {
      EVENTSTORE_URL: engines.eventStoreUrl,
      MONGO_URL: engines.mongoUrl,
      MONGO_DATABASE: `bansos_${run}`,
      KAFKA_BROKERS: engines.kafkaBrokers,
      KAFKA_EVENTS_TOPIC: `bansos.events.${run}`,
      KAFKA_PARTITIONS: '3',
      TOKEN_SECRET: randomBytes(32).toString('hex'),
      LOOKUP_SECRET: randomBytes(32).toString('hex'),
      CHECK_RATE_LIMIT: '0',
      ...extraEnv,
    };
  }

  async start(apps: readonly ProductionApp[] = APPS): Promise<this> {
    for (const app of apps) await this.startApp(app);
    return this;
  }

  async startApp(app: ProductionApp): Promise<AppProcess> {
    if (this.running.has(app)) throw new Error(`${app} is already running`);
    const started = await AppProcess.start(app, this.env);
    this.running.set(app, started);
    return started;
  }

  process(app: ProductionApp): AppProcess {
    const found = this.running.get(app);
    if (!found) throw new Error(`${app} is not running`);
    return found;
  }

  /** kill -9, as a crash would. */
  async kill(app: ProductionApp): Promise<void> {
    await this.process(app).kill();
    this.running.delete(app);
  }

  async stopApp(app: ProductionApp): Promise<number | null> {
    const code = await this.process(app).stop();
    this.running.delete(app);
    return code;
  }

  /** Stops every app with SIGTERM; each must finish its work and exit 0 (a graceful stop). */
  async stop(): Promise<void> {
    const apps = [...this.running.keys()];
    const codes = await Promise.all(apps.map((app) => this.stopApp(app)));
    const unclean = apps.map((app, i) => `${app} (exit ${String(codes[i])})`).filter((_, i) => codes[i] !== 0);
    if (unclean.length > 0) throw new Error(`not a graceful stop: ${unclean.join(', ')}`);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  call(method: string, path: string, body?: unknown, token?: string, contentType?: string): Promise<HttpAnswer> {
    return httpCall(this.process('api').url, method, path, body, token, contentType);
  }

  token(userId: string, role: StaffRole): string {
    return signToken(this.env.TOKEN_SECRET, userId, role, new Date());
  }
}

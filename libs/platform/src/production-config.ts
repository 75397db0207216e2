import type { SlaConfig } from '@bansos/sla';
import { LOG_LEVELS, type LogLevel } from './config';
import { EnvReader, type Env } from './env-reader';
import { readSlaConfig } from './sla-config';

/** The processes of the production profile (apps/<name>). */
export type ProductionApp = 'api' | 'projector' | 'relay' | 'sla-monitor';

type Need = 'eventstore' | 'mongo' | 'kafka' | 'tokens' | 'lookup';

/** What each process talks to, so each asks only for its own settings. */
const NEEDS: Readonly<Record<ProductionApp, readonly Need[]>> = {
  api: ['eventstore', 'mongo', 'tokens', 'lookup'],
  projector: ['eventstore', 'mongo', 'lookup'],
  relay: ['eventstore', 'mongo', 'kafka'],
  'sla-monitor': ['eventstore', 'mongo', 'kafka'],
};

/** Default HTTP port of each process (the API serves citizens; the others only /health). */
const DEFAULT_PORTS: Readonly<Record<ProductionApp, number>> = { api: 3000, projector: 3001, relay: 3002, 'sla-monitor': 3003 };

/** Settings of one production process. Engines it does not use are left empty. */
export interface ProductionConfig {
  readonly app: ProductionApp;
  readonly port: number;
  readonly host: string;
  readonly logLevel: LogLevel;
  /** EVENTSTORE_URL: EventStoreDB (KurrentDB) connection string. */
  readonly eventStoreUrl: string;
  /** MONGO_URL and MONGO_DATABASE: the read models, checkpoints and the SLA monitor's state. */
  readonly mongoUrl: string;
  readonly mongoDatabase: string;
  /** KAFKA_BROKERS, KAFKA_EVENTS_TOPIC, KAFKA_PARTITIONS: where the relay publishes every event. */
  readonly kafkaBrokers: readonly string[];
  readonly eventsTopic: string;
  readonly partitions: number;
  /** Shared by every process that signs, checks or derives: never generated on this profile. */
  readonly tokenSecret: string;
  readonly lookupSecret: string;
  readonly checkRateLimitPerMinute: number;
  readonly sla: SlaConfig;
}

/** Reads and checks the settings of one production process; every problem is reported at once. */
export function loadProductionConfig(app: ProductionApp, env: Env = process.env): ProductionConfig {
  const read = new EnvReader(env);
  const needs = new Set(NEEDS[app]);
  const config: ProductionConfig = {
    app,
    port: read.int('PORT', DEFAULT_PORTS[app], 0, 65535),
    host: read.text('HOST', '127.0.0.1'),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    eventStoreUrl: needs.has('eventstore') ? read.url('EVENTSTORE_URL', ['esdb', 'esdb+discover', 'kurrentdb', 'kurrentdb+discover'], 'esdb://127.0.0.1:2113?tls=false') : '',
    mongoUrl: needs.has('mongo') ? read.url('MONGO_URL', ['mongodb', 'mongodb+srv'], 'mongodb://127.0.0.1:27017') : '',
    mongoDatabase: read.text('MONGO_DATABASE', 'bansos'),
    kafkaBrokers: needs.has('kafka') ? read.hostPorts('KAFKA_BROKERS', '127.0.0.1:9092') : [],
    eventsTopic: read.text('KAFKA_EVENTS_TOPIC', 'bansos.events'),
    partitions: read.int('KAFKA_PARTITIONS', 6, 1, 1000),
    tokenSecret: (needs.has('tokens') ? read.secret('TOKEN_SECRET', true) : null) ?? '',
    lookupSecret: (needs.has('lookup') ? read.secret('LOOKUP_SECRET', true) : null) ?? '',
    checkRateLimitPerMinute: read.int('CHECK_RATE_LIMIT', 60, 0, 1_000_000_000),
    sla: readSlaConfig(read),
  };
  read.done();
  return config;
}

/** PROFILE picks the composition of `npm start`: the embedded default, or one production process. */
export function selectedProfile(env: Env = process.env): 'embedded' | 'production' {
  const read = new EnvReader(env);
  const profile = read.oneOf('PROFILE', ['embedded', 'production'] as const, 'embedded');
  read.done();
  return profile;
}

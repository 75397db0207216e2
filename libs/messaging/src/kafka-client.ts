import { Kafka, logLevel, type Admin } from 'kafkajs';

/** Where the brokers are and how patiently to talk to them. */
export interface KafkaConnection {
  /** host:port of one or more brokers (the rest are found from their metadata). */
  readonly brokers: readonly string[];
  readonly clientId?: string;
  /** TCP connect timeout per broker (kafkajs default 1 s). */
  readonly connectionTimeoutMs?: number;
  /** How long a request may wait for its answer (kafkajs default 30 s). */
  readonly requestTimeoutMs?: number;
  /** Attempts after the first for connects and retriable requests, with exponential back-off. */
  readonly retries?: number;
  /** kafkajs' own log (connection trouble, rebalances) on the console; 'error' unless told. */
  readonly logLevel?: KafkaLogLevel;
}

export type KafkaLogLevel = 'nothing' | 'error' | 'warn' | 'info';

const LEVELS: Record<KafkaLogLevel, logLevel> = {
  nothing: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
};

/** A kafkajs client for one connection's settings. Its log never carries message contents. */
export function createKafka(connection: KafkaConnection, defaultClientId: string): Kafka {
  return new Kafka({
    brokers: [...connection.brokers],
    clientId: connection.clientId ?? defaultClientId,
    connectionTimeout: connection.connectionTimeoutMs,
    requestTimeout: connection.requestTimeoutMs,
    retry: connection.retries === undefined ? undefined : { retries: connection.retries },
    logLevel: LEVELS[connection.logLevel ?? 'error'],
  });
}

/**
 * Readiness: the broker answers a metadata request naming at least one broker and a
 * controller. One admin connection, opened on first use and kept for later probes.
 */
export class BrokerProbe {
  private admin: Promise<Admin> | null = null;

  constructor(private readonly kafka: Kafka) {}

  async ping(): Promise<void> {
    const admin = await (this.admin ??= this.connect());
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0 || cluster.controller === null) throw new Error('Kafka has no broker or no controller');
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = null;
    if (admin) await admin.then((a) => a.disconnect()).catch(() => undefined);
  }

  private async connect(): Promise<Admin> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      return admin;
    } catch (error) {
      // The next ping tries again rather than reusing a connection that never opened.
      this.admin = null;
      throw error;
    }
  }
}

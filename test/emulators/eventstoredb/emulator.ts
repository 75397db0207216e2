import { randomUUID } from 'node:crypto';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { appendHandler } from './append';
import { EmulatedLog, type ProposedEvent } from './log';
import { readHandler } from './read';
import { getSupportedMethods } from './server-features';

/**
 * An emulator of EventStoreDB's gRPC Streams API, for tests only: the real
 * @eventstore/db-client talks to it over a real gRPC connection. Events live in memory.
 */
export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Start like a fresh EventStoreDB node, whose $all already holds a few system events. Default true. */
  readonly systemEvents?: boolean;
}

export interface RunningEmulator {
  /** A connection string for EventStoreDBClient.connectionString. */
  readonly url: string;
  readonly port: number;
  readonly log: EmulatedLog;
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 1000;

export async function startEventStoreEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const log = new EmulatedLog();
  if (options.systemEvents ?? true) seedSystemEvents(log);

  const server = new Server();
  server.addService(StreamsService, { read: readHandler(log), append: appendHandler(log) });
  server.addService(ServerFeaturesService, { getSupportedMethods });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:${options.port ?? 0}`, ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  let stopped: Promise<void> | undefined;
  return {
    url: `esdb://${host}:${port}?tls=false`,
    port,
    log,
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        // Open subscriptions never end by themselves: give calls a moment, then cut them.
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, STOP_GRACE_MS);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      })),
  };
}

/** What $all of a fresh node starts with: stream metadata, settings and the admin user. */
function seedSystemEvents(log: EmulatedLog): void {
  const json = (type: string, data: unknown): ProposedEvent => ({
    id: randomUUID(),
    type,
    contentType: 'application/json',
    data: Buffer.from(JSON.stringify(data)),
    metadata: new Uint8Array(),
  });
  const everyone = { $r: '$all', $w: '$all', $d: '$all', $mr: '$all', $mw: '$all' };
  const admins = { $r: '$admins', $w: '$admins', $d: '$admins', $mr: '$admins', $mw: '$admins' };
  log.append('$$$scavenges', { kind: 'any' }, [json('$metadata', { $maxAge: 2_592_000 })]);
  log.append('$settings', { kind: 'any' }, [json('$settings', { $userStreamAcl: everyone, $systemStreamAcl: admins })]);
  log.append('$user-admin', { kind: 'any' }, [json('$UserCreated', { loginName: 'admin', groups: ['$admins'] })]);
  log.append('$users', { kind: 'any' }, [
    { ...json('$User', null), contentType: 'application/octet-stream', data: Buffer.from('admin') },
  ]);
}

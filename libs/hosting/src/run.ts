import 'reflect-metadata';
import { Logger, type LogLevel as NestLogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  ConfigError,
  loadProductionConfig,
  redact,
  type LogLevel,
  type ProductionApp,
  type ProductionConfig,
} from '@bansos/platform';
import type { Worker } from './worker';
import { WorkerModule } from './worker.module';

/** Nest's log levels for LOG_LEVEL. */
export function nestLogLevels(level: LogLevel): false | NestLogLevel[] {
  switch (level) {
    case 'silent':
      return false;
    case 'error':
      return ['error'];
    case 'warn':
      return ['error', 'warn'];
    case 'info':
      return ['error', 'warn', 'log'];
  }
}

/** Reports a failure without personal data. */
export function describeError(error: unknown): string {
  return redact(String(error instanceof Error ? (error.stack ?? error.message) : error));
}

/**
 * Ends a process that cannot go on: a bad configuration exits 2 with one line per problem;
 * anything else exits 1, so the supervisor restarts it and it resumes from its checkpoint.
 */
export function exitOn(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`${describeError(error)}\n`);
  process.exit(1);
}

/**
 * Runs one worker of the production profile as its own process: checked configuration,
 * /health and /health/ready over HTTP, and on SIGTERM or SIGINT a graceful stop.
 * `fail` ends the process when the worker's loop breaks (an engine went away for good).
 */
export async function runWorker(
  app: ProductionApp,
  build: (config: ProductionConfig, fail: (error: unknown) => void) => Promise<Worker>,
): Promise<NestFastifyApplication> {
  const config = loadProductionConfig(app);
  const logger = new Logger(app);
  const fail = (error: unknown): void => {
    logger.error(describeError(error));
    process.exit(1);
  };
  const worker = startable(await build(config, fail));
  const nest = await NestFactory.create<NestFastifyApplication>(WorkerModule.register(worker), new FastifyAdapter(), {
    logger: nestLogLevels(config.logLevel),
  });
  stopOnSignal(nest, logger);
  await nest.listen({ port: config.port, host: config.host });
  // Started after listen: catching up can take long, and /health answers meanwhile.
  worker.start().then(() => logger.log(`${worker.name} running; health on http://${config.host}:${config.port}/health`), fail);
  return nest;
}

/**
 * SIGTERM or SIGINT: close the app, which stops the worker (drain, commit, close), then
 * exit 0, so a supervisor (and the tests) can tell a clean stop from a crash.
 */
function stopOnSignal(nest: NestFastifyApplication, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping`);
    nest.close().then(
      () => process.exit(0),
      (error: unknown) => exitOn(error),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** Not ready until start() has resolved: a worker still opening its subscriptions has nothing to offer. */
function startable(worker: Worker): Worker {
  let started = false;
  return {
    ...worker,
    name: worker.name,
    start: async () => {
      await worker.start();
      started = true;
    },
    stop: () => worker.stop(),
    checks: async () => [...(await worker.checks()), started ? { name: 'started', ok: true } : { name: 'started', ok: false, problem: 'starting' }],
    progress: () => worker.progress(),
  };
}

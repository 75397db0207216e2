import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SqliteEventStore } from '@bansos/eventstore';
import type { ProjectorProgress } from '@bansos/read-models';
import { errorFrom, type FromProjectorThread, type ProjectorThreadData, type ReadModelWrite, type ToProjectorThread } from './messages';

export interface ProjectorThreadOptions extends ProjectorThreadData {
  /** This thread's connection to the event store: its commits are passed on at once. */
  readonly events: SqliteEventStore;
  /** A failure of the projector after it started (it stops projecting). */
  readonly onError?: (error: unknown) => void;
}

/**
 * The embedded projector on a worker thread, so that projecting runs on the second core
 * while this thread decides and appends: a bulk import does both at once instead of in
 * turn. The thread has its own connections to the files (SQLite in WAL mode lets it read
 * and write beside this thread) and reports each position it reaches.
 */
export class ProjectorThread implements ProjectorProgress {
  private applied = -1n;
  private waiters: { position: bigint; resolve: () => void }[] = [];
  /** Keeps the process alive while someone waits: the worker itself does not. */
  private keepAlive: NodeJS.Timeout | null = null;
  private stopping: Promise<void> | null = null;
  private readonly exited: Promise<void>;
  private readonly stopForwarding: () => void;
  private nextWrite = 0;
  private readonly writes = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private ended: Error | null = null;
  private failed: Error | null = null;

  private constructor(
    private readonly worker: Worker,
    private readonly options: ProjectorThreadOptions,
  ) {
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    this.stopForwarding = options.events.onCommit(() => this.send({ kind: 'events-committed' }));
  }

  /** Starts the thread; resolves once it has loaded its checkpoints and subscribed. */
  static async start(options: ProjectorThreadOptions): Promise<ProjectorThread> {
    const data: ProjectorThreadData = {
      eventsFile: options.eventsFile,
      readModelsFile: options.readModelsFile,
      lookupSecret: options.lookupSecret,
    };
    const worker = new Worker(workerScript(), { workerData: data });
    const thread = new ProjectorThread(worker, options);
    try {
      await thread.started();
    } catch (error) {
      thread.stopForwarding();
      await worker.terminate();
      throw error;
    }
    worker.unref();
    return thread;
  }

  appliedPosition(): bigint {
    return this.applied;
  }

  /** The error that stopped the projector after it started, if one did (it then projects no more). */
  failure(): Error | null {
    return this.failed;
  }

  waitFor(position: bigint): Promise<void> {
    if (this.applied >= position) return Promise.resolve();
    this.keepAlive ??= setInterval(() => undefined, 1000);
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  /** Has the thread's connection, the read-model file's one writer in this process, make a write. */
  write(write: ReadModelWrite): Promise<void> {
    if (this.ended) return Promise.reject(this.ended);
    const id = this.nextWrite++;
    return new Promise((resolve, reject) => {
      this.writes.set(id, { resolve, reject });
      // The pending write keeps the process alive until it is answered.
      if (this.writes.size === 1) this.worker.ref();
      this.worker.postMessage({ kind: 'write', id, write } satisfies ToProjectorThread);
    });
  }

  /** Lets the thread finish its batch and write its checkpoints, then waits for it to end. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.stopForwarding();
      this.worker.ref();
      this.send({ kind: 'stop' });
      await this.exited;
      if (this.keepAlive) clearInterval(this.keepAlive);
      this.keepAlive = null;
    })();
    return this.stopping;
  }

  private started(): Promise<void> {
    return new Promise((resolve, reject) => {
      let running = false;
      this.worker.on('message', (message: FromProjectorThread) => {
        switch (message.kind) {
          case 'started':
            running = true;
            this.reached(BigInt(message.applied));
            resolve();
            return;
          case 'applied':
            this.reached(BigInt(message.position));
            return;
          case 'failed':
            if (running) this.fail(errorFrom(message));
            else reject(errorFrom(message));
            return;
          case 'written':
          case 'write-failed':
            this.answered(message);
            return;
          case 'stopped':
            return;
        }
      });
      this.worker.on('error', (error) => (running ? this.fail(error) : reject(error)));
      this.worker.on('exit', (code) => {
        const error = new Error(`projector thread ended (exit code ${code}) before it was stopped`);
        this.ended = this.stopping ? new Error('projector thread stopped') : error;
        for (const pending of this.writes.values()) pending.reject(this.ended);
        this.writes.clear();
        if (!running) reject(error);
        else if (!this.stopping) this.fail(error);
      });
    });
  }

  private fail(error: Error): void {
    this.failed ??= error;
    this.options.onError?.(error);
  }

  private answered(message: Extract<FromProjectorThread, { kind: 'written' | 'write-failed' }>): void {
    const pending = this.writes.get(message.id);
    if (!pending) return;
    this.writes.delete(message.id);
    if (this.writes.size === 0 && !this.stopping) this.worker.unref();
    if (message.kind === 'written') pending.resolve();
    else pending.reject(errorFrom(message));
  }

  private send(message: ToProjectorThread): void {
    if (!this.stopping || message.kind === 'stop') this.worker.postMessage(message);
  }

  private reached(position: bigint): void {
    if (position > this.applied) this.applied = position;
    const ready = this.waiters.filter((w) => w.position <= this.applied);
    this.waiters = this.waiters.filter((w) => w.position > this.applied);
    for (const w of ready) w.resolve();
    if (this.waiters.length === 0 && this.keepAlive) {
      clearInterval(this.keepAlive);
      this.keepAlive = null;
    }
  }
}

const SCRIPT = 'projector-thread.worker.js';

/**
 * The compiled worker beside this file; when this file runs from the TypeScript sources
 * (under the test runner), the build's copy of it, which the test setup makes first.
 */
function workerScript(): string {
  const beside = join(__dirname, SCRIPT);
  if (existsSync(beside)) return beside;
  let root = __dirname;
  while (!existsSync(join(root, 'package.json')) && dirname(root) !== root) root = dirname(root);
  const built = join(root, 'dist', relative(root, __dirname), SCRIPT);
  if (existsSync(built)) return built;
  throw new Error(`the projector thread is not built (${SCRIPT} missing): run \`npm run build\``);
}

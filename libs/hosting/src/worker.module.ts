import {
  Controller,
  Get,
  HttpStatus,
  Inject,
  Injectable,
  Module,
  Res,
  type BeforeApplicationShutdown,
  type DynamicModule,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Worker } from './worker';

export const WORKER = Symbol('WORKER');

@Controller('health')
export class WorkerHealthController {
  constructor(@Inject(WORKER) private readonly worker: Worker) {}

  /** Liveness: the process answers; with the worker's progress. */
  @Get()
  live() {
    return { status: 'ok', worker: this.worker.name, ...this.worker.progress() };
  }

  /** Readiness: every engine answers and the worker's loop runs; 503 naming what does not. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const checks = await this.worker.checks();
    const ready = checks.every((check) => check.ok);
    reply.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ready ? 'ready' : 'not_ready', worker: this.worker.name, checks };
  }
}

/** Stops the worker (drain, commit, close) before the app closes; runWorker starts it once /health answers. */
@Injectable()
export class WorkerLifecycle implements BeforeApplicationShutdown {
  constructor(@Inject(WORKER) private readonly worker: Worker) {}

  beforeApplicationShutdown(): Promise<void> {
    return this.worker.stop();
  }
}

@Module({})
export class WorkerModule {
  static register(worker: Worker): DynamicModule {
    return {
      module: WorkerModule,
      controllers: [WorkerHealthController],
      providers: [{ provide: WORKER, useValue: worker }, WorkerLifecycle],
    };
  }
}

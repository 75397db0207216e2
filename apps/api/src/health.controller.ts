import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ApiSystem } from '@bansos/platform';
import type { FastifyReply } from 'fastify';
import { SYSTEM } from './system.token';

@ApiTags('ops')
@Controller('health')
export class HealthController {
  constructor(@Inject(SYSTEM) private readonly system: ApiSystem) {}

  /** Liveness: the process answers. Also how far the read models have come (-1 before the first event). */
  @Get()
  @ApiOperation({ summary: 'Liveness, and the position the read models have applied' })
  async health() {
    return {
      status: 'ok',
      profile: this.system.profile,
      projectedPosition: (await this.system.projectedPosition().catch(() => -1n)).toString(),
    };
  }

  /** Readiness: every engine behind the API answers; 503 with the failing ones otherwise. */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: 200 when every engine answers, 503 naming those that do not' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const checks = await this.system.checkEngines();
    const ready = checks.every((check) => check.ok);
    reply.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ready ? 'ready' : 'not_ready', checks };
  }
}

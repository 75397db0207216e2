import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { System } from '@bansos/platform';
import { SYSTEM } from './system.token';

@ApiTags('ops')
@Controller('health')
export class HealthController {
  constructor(@Inject(SYSTEM) private readonly system: System) {}

  /** Liveness, and how far the read models have come (-1 before the first event). */
  @Get()
  health() {
    return { status: 'ok', projectedPosition: this.system.projector.appliedPosition().toString() };
  }
}

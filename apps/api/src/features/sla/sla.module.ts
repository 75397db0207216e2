import { Module, type DynamicModule } from '@nestjs/common';
import type { ApiSystem } from '@bansos/platform';
import { SYSTEM } from '../../system.token';
import { SlaAlertFeed } from './sla-alert-feed';
import { SlaController } from './sla.controller';

/** The ops side of the SLA monitor: alerts, the per-district summary and the live feed. */
@Module({})
export class SlaModule {
  static register(system: ApiSystem): DynamicModule {
    return {
      module: SlaModule,
      controllers: [SlaController],
      providers: [{ provide: SYSTEM, useValue: system }, SlaAlertFeed],
    };
  }
}

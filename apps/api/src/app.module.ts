import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { ApiSystem } from '@bansos/platform';
import { AuthGuard } from './auth/roles';
import { AuditModule } from './features/audit/audit.module';
import { CheckController } from './features/check/check.controller';
import { CheckNikHandler } from './features/check/check.query';
import { RecipientsController } from './features/recipients/recipients.controller';
import { AssessEligibilityHandler, FileReportHandler, RecordDisbursementHandler } from './features/reports/report.commands';
import { ReportsController } from './features/reports/reports.controller';
import { SlaModule } from './features/sla/sla.module';
import { HealthController } from './health.controller';
import { ErrorFilter } from './http/error.filter';
import { HTTP_OPTIONS, SYSTEM, type HttpOptions } from './system.token';

@Module({})
export class AppModule {
  static register(system: ApiSystem, options: HttpOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot(), AuditModule.register(system), SlaModule.register(system)],
      controllers: [CheckController, ReportsController, RecipientsController, HealthController],
      providers: [
        { provide: SYSTEM, useValue: system },
        { provide: HTTP_OPTIONS, useValue: options },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        CheckNikHandler,
        FileReportHandler,
        AssessEligibilityHandler,
        RecordDisbursementHandler,
      ],
    };
  }
}

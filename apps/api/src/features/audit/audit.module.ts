import { Module, type DynamicModule } from '@nestjs/common';
import type { System } from '@bansos/platform';
import { SYSTEM } from '../../system.token';
import { AuditController } from './audit.controller';
import { AuditIndexerService } from './audit-indexer.service';
import { AUDIT_QUERY_HANDLERS } from './audit.queries';
import { RecordAuditReadHandler } from './record-read.command';

/**
 * The auditors' endpoints and the audit index they use. Registered with the System
 * because providers of the root module are not visible inside an imported module.
 */
@Module({})
export class AuditModule {
  static register(system: System): DynamicModule {
    return {
      module: AuditModule,
      controllers: [AuditController],
      providers: [{ provide: SYSTEM, useValue: system }, AuditIndexerService, RecordAuditReadHandler, ...AUDIT_QUERY_HANDLERS],
    };
  }
}

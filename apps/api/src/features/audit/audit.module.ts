import { Module, type DynamicModule } from '@nestjs/common';
import type { ApiSystem } from '@bansos/platform';
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
  static register(system: ApiSystem): DynamicModule {
    return {
      module: AuditModule,
      controllers: [AuditController],
      providers: [
        { provide: SYSTEM, useValue: system },
        // The projector process keeps the index on the production profile.
        ...(system.indexesAudit ? [AuditIndexerService] : []),
        RecordAuditReadHandler,
        ...AUDIT_QUERY_HANDLERS,
      ],
    };
  }
}

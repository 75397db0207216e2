import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Projector } from '@bansos/read-models';
import { redact, type ApiSystem } from '@bansos/platform';
import { SYSTEM } from '../../system.token';
import { startAuditIndexer } from './audit-lib';

/** Keeps the audit index (NIK -> tickets) projected while the API serves. */
@Injectable()
export class AuditIndexerService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('AuditIndex');
  private projector: Projector | null = null;

  constructor(@Inject(SYSTEM) private readonly system: ApiSystem) {}

  async onModuleInit(): Promise<void> {
    this.projector = await startAuditIndexer(this.system.events, this.system.readModels, this.system.lookupKeys, (error) =>
      this.logger.error(redact(String(error instanceof Error ? error.stack : error))),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.projector?.stop();
    this.projector = null;
  }
}

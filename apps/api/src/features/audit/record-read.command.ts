import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@bansos/domain';
import type { ApiSystem } from '@bansos/platform';
import { SYSTEM } from '../../system.token';
import { recordAuditRead, type AuditRead } from './audit-lib';

export class RecordAuditReadCommand {
  constructor(readonly read: AuditRead, readonly ctx: CommandContext) {}
}

@CommandHandler(RecordAuditReadCommand)
export class RecordAuditReadHandler implements ICommandHandler<RecordAuditReadCommand, void> {
  constructor(@Inject(SYSTEM) private readonly system: ApiSystem) {}
  execute({ read, ctx }: RecordAuditReadCommand) {
    return recordAuditRead(this.system.events, read, ctx);
  }
}

import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  assessEligibility,
  fileReport,
  recordDisbursement,
  type AssessmentRequest,
  type DisbursementRequest,
  type FiledReport,
  type ReportRequest,
} from '@bansos/application';
import type { CommandContext } from '@bansos/domain';
import type { ApiSystem } from '@bansos/platform';
import { unwrap } from '../../http/domain-exception';
import { SYSTEM } from '../../system.token';

export class FileReportCommand {
  constructor(readonly request: ReportRequest, readonly ctx: CommandContext) {}
}

export class AssessEligibilityCommand {
  constructor(readonly ticket: string, readonly request: AssessmentRequest, readonly ctx: CommandContext) {}
}

export class RecordDisbursementCommand {
  constructor(readonly ticket: string, readonly request: DisbursementRequest, readonly ctx: CommandContext) {}
}

@CommandHandler(FileReportCommand)
export class FileReportHandler implements ICommandHandler<FileReportCommand, FiledReport> {
  constructor(@Inject(SYSTEM) private readonly system: ApiSystem) {}

  async execute({ request, ctx }: FileReportCommand): Promise<FiledReport> {
    const ticket = this.system.ids.ticket();
    return unwrap(await fileReport(this.system.events, { type: 'FileReport', ticket, ...request, at: ctx.at }, ctx));
  }
}

@CommandHandler(AssessEligibilityCommand)
export class AssessEligibilityHandler implements ICommandHandler<AssessEligibilityCommand> {
  constructor(@Inject(SYSTEM) private readonly system: ApiSystem) {}

  async execute({ ticket, request, ctx }: AssessEligibilityCommand) {
    const assessedBy = ctx.actor.kind === 'staff' ? ctx.actor.userId : 'unknown';
    return unwrap(
      await assessEligibility(this.system.events, { type: 'AssessEligibility', ticket, ...request, assessedBy, at: ctx.at }, ctx),
    );
  }
}

@CommandHandler(RecordDisbursementCommand)
export class RecordDisbursementHandler implements ICommandHandler<RecordDisbursementCommand> {
  constructor(@Inject(SYSTEM) private readonly system: ApiSystem) {}

  async execute({ ticket, request, ctx }: RecordDisbursementCommand) {
    const disbursedBy = ctx.actor.kind === 'staff' ? ctx.actor.userId : 'unknown';
    return unwrap(
      await recordDisbursement(this.system.events, { type: 'RecordDisbursement', ticket, ...request, disbursedBy, at: ctx.at }, ctx),
    );
  }
}

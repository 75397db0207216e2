import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  InputError,
  parseAssessmentRequest,
  parseDisbursementRequest,
  parseReportRequest,
  parseTicket,
  type FiledReport,
} from '@bansos/application';
import { wibDate, type Actor } from '@bansos/domain';
import type { ApiSystem } from '@bansos/platform';
import type { ReportDocument } from '@bansos/read-models';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '../../auth/roles';
import { commandContext } from '../../http/command-context';
import { DomainException } from '../../http/domain-exception';
import { SYSTEM } from '../../system.token';
import { AssessEligibilityCommand, FileReportCommand, RecordDisbursementCommand } from './report.commands';
import { publicReportView, staffReportView } from './report-views';
import { parseWorklistQuery } from './worklist-query';

const FILED_TEXT: Record<FiledReport['outcome'], string> = {
  awaiting_assessment: 'Laporan diterima. Simpan nomor tiket untuk memantau status laporan.',
  auto_rejected: 'Laporan ditolak otomatis: orang ini atau keluarganya (KK) sudah menerima bansos.',
  duplicate: 'Laporan tentang orang ini sudah ada dan sedang diproses. Gunakan nomor tiket yang sudah ada.',
};

@ApiTags('reports')
@Controller('api/v1/reports')
export class ReportsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(SYSTEM) private readonly system: ApiSystem,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Lapor: report someone who has not received aid yet (stage 1 runs at once)' })
  async file(
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const request = parseReportRequest(body, { regions: this.system.regions, today: wibDate(this.system.clock.now()) });
    if (request.channel !== 'ONLINE' && !(actor.kind === 'staff' && ['operator', 'admin'].includes(actor.role))) {
      throw new InputError('CHANNEL_NOT_ALLOWED', 'Only village and district operators file reports through DESA or KECAMATAN.');
    }
    const ctx = commandContext(this.system, actor, correlationId);
    const filed: FiledReport = await this.commands.execute(new FileReportCommand(request, ctx));
    void reply.status(filed.outcome === 'duplicate' ? 200 : 201);
    return {
      ticket: filed.ticket,
      status: filed.outcome,
      message: FILED_TEXT[filed.outcome],
      ...(filed.outcome === 'auto_rejected'
        ? { autoRejection: { match: filed.match.match, program: filed.match.program, source: filed.match.source } }
        : {}),
    };
  }

  @Get(':ticket')
  @ApiOperation({ summary: 'Public status of a report by its ticket' })
  async status(@Param('ticket') ticket: string) {
    const found = await this.system.readModels.get('reports', parseTicket(ticket));
    if (!found) throw notFound();
    return publicReportView(found.doc as ReportDocument);
  }

  @Get()
  @Roles('operator', 'assessor', 'disburser', 'auditor', 'ops')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Staff worklist of reports, filtered by status and district, paged' })
  async worklist(@Query() query: Record<string, unknown>) {
    const q = parseWorklistQuery(query);
    const result = await this.system.readModels.find('reports', {
      where: { ...(q.status ? { status: q.status } : {}), ...(q.district ? { districtCode: q.district } : {}) },
      orderBy: { field: 'filedAt', direction: 'asc' },
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return {
      page: q.page,
      pageSize: q.pageSize,
      total: result.total,
      items: result.items.map((i) => staffReportView(i.doc as ReportDocument)),
    };
  }

  @Post(':ticket/assessment')
  @HttpCode(200)
  @Roles('assessor')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Stage 2: decide eligibility (an eligible decision enrols the household)' })
  async assess(
    @Param('ticket') ticket: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId: string | undefined,
  ) {
    const command = new AssessEligibilityCommand(parseTicket(ticket), parseAssessmentRequest(body), commandContext(this.system, actor, correlationId));
    return { ticket: command.ticket, ...(await this.commands.execute(command)) };
  }

  @Post(':ticket/disbursement')
  @HttpCode(200)
  @Roles('disburser')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Record that aid was handed over (eligible reports, exactly once)' })
  async disburse(
    @Param('ticket') ticket: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId: string | undefined,
  ) {
    const command = new RecordDisbursementCommand(parseTicket(ticket), parseDisbursementRequest(body), commandContext(this.system, actor, correlationId));
    return { ticket: command.ticket, ...(await this.commands.execute(command)) };
  }
}

function notFound(): DomainException {
  return new DomainException({ code: 'REPORT_NOT_FOUND', message: 'Laporan dengan nomor tiket ini tidak ditemukan.' });
}

import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { parseTicket } from '@bansos/application';
import { wibDate, type Actor } from '@bansos/domain';
import type { ApiSystem } from '@bansos/platform';
import { CurrentActor, Roles } from '../../auth/roles';
import { commandContext } from '../../http/command-context';
import { DomainException } from '../../http/domain-exception';
import { SYSTEM } from '../../system.token';
import { parseAsOf, parseNikBody } from './audit-input';
import type { AuditRead } from './audit-lib';
import { NikHistoryQuery, NikStatusQuery, ReportHistoryQuery, ReportStatusQuery } from './audit.queries';
import { RecordAuditReadCommand } from './record-read.command';

const NIK_BODY = { schema: { type: 'object', required: ['nik'], properties: { nik: { type: 'string', example: '3510014506900001' } } } };
const AS_OF = { name: 'asOf', required: false, description: 'ISO-8601 instant with a zone; default now' };

/** Auditors (and admins) read the decision history. Every read is recorded before it is answered. */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('auditor')
@Controller('api/v1/audit')
export class AuditController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(SYSTEM) private readonly system: ApiSystem,
  ) {}

  @Get('reports/:ticket/history')
  @ApiOperation({ summary: 'Every event about a report, in order, with who, when, role, why and the facts it rested on' })
  async reportHistory(@Param('ticket') raw: string, @CurrentActor() actor: Actor, @Headers('x-correlation-id') correlationId?: string) {
    const ticket = parseTicket(raw);
    await this.record({ record: { kind: 'report', ticket }, view: 'history', asOf: null }, actor, correlationId);
    return found(await this.queries.execute(new ReportHistoryQuery(ticket)));
  }

  @Get('reports/:ticket/status')
  @ApiQuery(AS_OF)
  @ApiOperation({ summary: 'The status of a report as it stood at asOf, folded from its events' })
  async reportStatus(
    @Param('ticket') raw: string,
    @Query('asOf') rawAsOf: unknown,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    const ticket = parseTicket(raw);
    const asOf = parseAsOf(rawAsOf, this.system.clock.now());
    await this.record({ record: { kind: 'report', ticket }, view: 'status', asOf }, actor, correlationId);
    return found(await this.queries.execute(new ReportStatusQuery(ticket, asOf)));
  }

  @Post('history')
  @HttpCode(200)
  @ApiBody(NIK_BODY)
  @ApiOperation({ summary: 'Every event about a person and their household(s), and every report about them' })
  async nikHistory(@Body() body: unknown, @CurrentActor() actor: Actor, @Headers('x-correlation-id') correlationId?: string) {
    const nik = parseNikBody(body, this.inputContext());
    await this.record({ record: { kind: 'nik', nik }, view: 'history', asOf: null }, actor, correlationId);
    return this.queries.execute(new NikHistoryQuery(nik));
  }

  @Post('status')
  @HttpCode(200)
  @ApiBody(NIK_BODY)
  @ApiQuery(AS_OF)
  @ApiOperation({ summary: 'Whether a NIK was covered (itself or its household), which program and source, at asOf' })
  async nikStatus(
    @Body() body: unknown,
    @Query('asOf') rawAsOf: unknown,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    const nik = parseNikBody(body, this.inputContext());
    const asOf = parseAsOf(rawAsOf, this.system.clock.now());
    await this.record({ record: { kind: 'nik', nik }, view: 'status', asOf }, actor, correlationId);
    return this.queries.execute(new NikStatusQuery(nik, asOf));
  }

  private record(read: AuditRead, actor: Actor, correlationId: string | undefined): Promise<void> {
    return this.commands.execute(new RecordAuditReadCommand(read, commandContext(this.system, actor, correlationId)));
  }

  private inputContext() {
    return { regions: this.system.regions, today: wibDate(this.system.clock.now()) };
  }
}

function found<T>(value: T | null): T {
  if (value === null) throw new DomainException({ code: 'REPORT_NOT_FOUND', message: 'No report has this ticket.' });
  return value;
}

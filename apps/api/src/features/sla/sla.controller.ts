import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { ApiSystem } from '@bansos/platform';
import { findAlerts, slaSummary } from '@bansos/sla';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/roles';
import { SYSTEM } from '../../system.token';
import { SlaAlertFeed } from './sla-alert-feed';
import { parseAlertFilter, parseAlertQuery, parseLastEventId } from './sla-query';
import { alertView, summaryView } from './sla-views';

/** Ops watch the disbursement SLA here; auditors may read (every endpoint is a GET). Admin always may. */
@ApiTags('sla')
@ApiBearerAuth()
@Roles('ops', 'auditor')
@Controller('api/v1/sla')
export class SlaController {
  constructor(
    @Inject(SYSTEM) private readonly system: ApiSystem,
    private readonly feed: SlaAlertFeed,
  ) {}

  @Get('alerts')
  @ApiOperation({ summary: 'SLA alerts, newest first: ?status=AT_RISK|BREACHED|RESOLVED_LATE|RESOLVED&district=&since=&page=&pageSize=' })
  async alerts(@Query() query: Record<string, unknown>) {
    const q = parseAlertQuery(query);
    const found = await findAlerts(this.system.readModels, q);
    return { page: q.page, pageSize: q.pageSize, total: found.total, items: found.items.map(alertView) };
  }

  @Get('summary')
  @ApiOperation({ summary: 'Open, at-risk and breached cases per district; median and p95 time from eligibility to disbursement' })
  async summary() {
    const summary = await slaSummary(this.system.readModels);
    return summaryView(summary, this.system.clock.now(), this.system.slaConfig, this.system.slaMonitorStatus());
  }

  @Get('alerts/stream')
  @ApiProduces('text/event-stream')
  @ApiOperation({ summary: 'New alerts as Server-Sent Events (event "alert", id = store position; resumes from Last-Event-ID)' })
  async stream(
    @Query() query: Record<string, unknown>,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    // Bad input is answered as JSON before the stream starts.
    const filter = parseAlertFilter(query);
    const after = parseLastEventId(lastEventId) ?? (await this.system.events.headPosition());
    // From here on the response is ours, written as the alerts come.
    reply.hijack();
    this.feed.serve(reply.raw, filter, after);
  }
}

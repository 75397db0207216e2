import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ApiSystem } from '@bansos/platform';
import { SYSTEM } from '../../system.token';
import {
  nikHistory,
  nikStatusAsOf,
  reportHistory,
  reportStatusAsOf,
  type NikAsOf,
  type NikHistory,
  type ReportAsOf,
  type ReportHistory,
} from './audit-lib';

export class ReportHistoryQuery {
  constructor(readonly ticket: string) {}
}
export class NikHistoryQuery {
  constructor(readonly nik: string) {}
}
export class ReportStatusQuery {
  constructor(readonly ticket: string, readonly asOf: string) {}
}
export class NikStatusQuery {
  constructor(readonly nik: string, readonly asOf: string) {}
}

/** Histories and statuses come from the event streams themselves, never from a read model. */
@QueryHandler(ReportHistoryQuery)
export class ReportHistoryHandler implements IQueryHandler<ReportHistoryQuery, ReportHistory | null> {
  constructor(@Inject(SYSTEM) private readonly system: ApiSystem) {}
  execute({ ticket }: ReportHistoryQuery) {
    return reportHistory(this.system.events, ticket);
  }
}

@QueryHandler(NikHistoryQuery)
export class NikHistoryHandler implements IQueryHandler<NikHistoryQuery, NikHistory> {
  constructor(@Inject(SYSTEM) private readonly system: ApiSystem) {}
  execute({ nik }: NikHistoryQuery) {
    // The audit index only narrows which report streams to read; see ticketsAbout.
    return nikHistory(this.system.events, this.system.readModels, this.system.lookupKeys, nik);
  }
}

@QueryHandler(ReportStatusQuery)
export class ReportStatusHandler implements IQueryHandler<ReportStatusQuery, ReportAsOf | null> {
  constructor(@Inject(SYSTEM) private readonly system: ApiSystem) {}
  execute({ ticket, asOf }: ReportStatusQuery) {
    return reportStatusAsOf(this.system.events, ticket, asOf);
  }
}

@QueryHandler(NikStatusQuery)
export class NikStatusHandler implements IQueryHandler<NikStatusQuery, NikAsOf> {
  constructor(@Inject(SYSTEM) private readonly system: ApiSystem) {}
  execute({ nik, asOf }: NikStatusQuery) {
    return nikStatusAsOf(this.system.events, nik, asOf);
  }
}

export const AUDIT_QUERY_HANDLERS = [ReportHistoryHandler, NikHistoryHandler, ReportStatusHandler, NikStatusHandler];

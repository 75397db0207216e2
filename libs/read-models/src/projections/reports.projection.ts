import { assertNever, maskName, type ReportStatus, type Subject } from '@bansos/domain';
import type { ProjectedEvent, Projection } from './projection';

/** One document per report (by ticket): the staff worklist and the public status page. */
export interface ReportDocument {
  readonly [field: string]: unknown;
  readonly ticket: string;
  readonly status: Exclude<ReportStatus, 'none'>;
  readonly channel: string;
  readonly reporterKind: string;
  readonly reason: string;
  readonly subject: Subject;
  readonly maskedName: string;
  /** Kecamatan code (6 digits) from the subject's village, for worklists and SLA views. */
  readonly districtCode: string;
  readonly filedAt: string;
  readonly updatedAt: string;
  readonly autoRejection: Readonly<Record<string, unknown>> | null;
  readonly decision: Readonly<Record<string, unknown>> | null;
  readonly disbursement: Readonly<Record<string, unknown>> | null;
}

export const reportsProjection: Projection<ReportDocument> = {
  name: 'reports',
  collection: { name: 'reports', indexes: ['status', 'filedAt', 'districtCode'] },
  keysOf(event) {
    switch (event.type) {
      case 'ReportFiled':
      case 'ReportAutoRejected':
      case 'EligibilityAssessed':
      case 'AidDisbursed':
        return [event.data.ticket];
      default:
        return [];
    }
  },
  evolve: evolveReportDocument,
};

function evolveReportDocument(doc: ReportDocument | null, event: ProjectedEvent): ReportDocument | null {
  switch (event.type) {
    case 'ReportFiled': {
      const d = event.data;
      return {
        ticket: d.ticket,
        status: 'awaiting_assessment',
        channel: d.channel,
        reporterKind: d.reporter.kind,
        reason: d.reason,
        subject: d.subject,
        maskedName: maskName(d.subject.fullName),
        districtCode: d.subject.address.villageCode.slice(0, 6),
        filedAt: d.filedAt,
        updatedAt: d.filedAt,
        autoRejection: null,
        decision: null,
        disbursement: null,
      };
    }
    case 'ReportAutoRejected': {
      if (!doc) return doc;
      const { match, program, source, enrolmentEventId, rejectedAt } = event.data;
      return {
        ...doc,
        status: 'auto_rejected',
        autoRejection: { match, program, source, enrolmentEventId, rejectedAt },
        updatedAt: rejectedAt,
      };
    }
    case 'EligibilityAssessed': {
      if (!doc) return doc;
      const { ticket: _ticket, ...decision } = event.data;
      return {
        ...doc,
        status: event.data.eligible ? 'eligible' : 'not_eligible',
        decision,
        updatedAt: event.data.assessedAt,
      };
    }
    case 'AidDisbursed': {
      if (!doc) return doc;
      const { ticket: _ticket, ...disbursement } = event.data;
      return { ...doc, status: 'disbursed', disbursement, updatedAt: event.data.disbursedAt };
    }
    case 'RecipientRegistered':
    case 'RecipientWithdrawn':
    case 'NikLinkedToHousehold':
    case 'CaseOpened':
      return doc;
    default:
      return assertNever(event);
  }
}

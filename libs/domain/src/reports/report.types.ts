import type { Address, Program, Source } from '../registry/registry.types';

export const CHANNELS = ['ONLINE', 'DESA', 'KECAMATAN'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The person a report is about. */
export interface Subject {
  readonly nik: string;
  readonly kk: string;
  readonly fullName: string;
  readonly address: Address;
}

/** Who reported: the subject themself, someone else (a neighbour), or nobody named. */
export type Reporter =
  | { readonly kind: 'self' }
  | { readonly kind: 'other'; readonly name: string; readonly phone?: string }
  | { readonly kind: 'anonymous' };

export interface Payer {
  readonly program: Program;
  readonly source: Source;
}

/** The regency's SOP: aid is disbursed at most 7 days after someone is found eligible. */
export const DISBURSEMENT_SLA_DAYS = 7;

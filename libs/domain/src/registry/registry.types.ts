/** Who pays: the central government, the province or the regency. */
export const SOURCES = ['PUSAT', 'PROVINSI', 'KABUPATEN'] as const;
export type Source = (typeof SOURCES)[number];

export interface Program {
  readonly code: string;
  readonly name: string;
}

/** A home address: village (desa/kelurahan) code of 10 digits, RT/RW of up to 3 digits, street. */
export interface Address {
  readonly villageCode: string;
  readonly rt: string;
  readonly rw: string;
  readonly street: string;
}

export interface Person {
  readonly nik: string;
  readonly kk: string;
  readonly fullName: string;
  readonly address: Address;
}

/** How a household came to be enrolled: by an operator, or by an eligible assessment of a report. */
export type EnrolmentVia =
  | { readonly kind: 'registration' }
  | { readonly kind: 'assessment'; readonly ticket: string };

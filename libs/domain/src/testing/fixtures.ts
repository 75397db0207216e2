/**
 * Test data from Banyuwangi (35.10), district Pesanggaran (351001), village 3510012001.
 * Two households: the Santoso family (father, mother, son) and a neighbour.
 */
import type { EnrolRecipient } from '../registry/household.decider';
import type { RecipientRegistered, RecipientWithdrawn } from '../registry/registry.events';
import type { Address, EnrolmentVia, Person, Program, Source } from '../registry/registry.types';

export const KK_SANTOSO = '3510010101200001';
export const KK_NEIGHBOUR = '3510010202200002';

const village = '3510012001';
export const DUSUN_KRAJAN: Address = { villageCode: village, rt: '002', rw: '001', street: 'Dusun Krajan' };
export const DUSUN_SUMBERAGUNG: Address = { villageCode: village, rt: '004', rw: '002', street: 'Dusun Sumberagung' };

const santoso = (nik: string, fullName: string): Person => ({ nik, kk: KK_SANTOSO, fullName, address: DUSUN_KRAJAN });
/** Male, born 12-03-1975. */
export const FATHER = santoso('3510011203750002', 'BUDI SANTOSO');
/** Female (day + 40), born 05-06-1990. */
export const MOTHER = santoso('3510014506900001', 'KARTINI RAHAYU');
/** Male, born 15-08-2010. */
export const SON = santoso('3510011508100003', 'ADITYA PRATAMA');
/** Female, born 12-03-1985, in another household. */
export const NEIGHBOUR: Person = {
  nik: '3510015203850004',
  kk: KK_NEIGHBOUR,
  fullName: 'SITI AMINAH',
  address: DUSUN_SUMBERAGUNG,
};

export const PKH: Program = { code: 'PKH', name: 'Program Keluarga Harapan' };
export const BPNT: Program = { code: 'BPNT', name: 'Bantuan Pangan Non Tunai' };
export const BLT_DD: Program = { code: 'BLT-DD', name: 'Bantuan Langsung Tunai Dana Desa' };

export const BY_OPERATOR: EnrolmentVia = { kind: 'registration' };
export const byAssessment = (ticket: string): EnrolmentVia => ({ kind: 'assessment', ticket });

export const ENROLLED_AT = '2026-01-05T02:00:00.000Z';

export interface EnrolmentOptions {
  readonly program?: Program;
  readonly source?: Source;
  readonly via?: EnrolmentVia;
  readonly at?: string;
}

export function enrol(person: Person, options: EnrolmentOptions = {}): EnrolRecipient {
  const { program = PKH, source = 'PUSAT', via = BY_OPERATOR, at = ENROLLED_AT } = options;
  return { type: 'EnrolRecipient', person, program, source, via, at };
}

export function registered(person: Person, options: EnrolmentOptions = {}): RecipientRegistered {
  const { program, source, via, at } = enrol(person, options);
  const { nik, kk, fullName, address } = person;
  return {
    type: 'RecipientRegistered',
    data: { nik, kk, fullName, address, program, source, via, registeredAt: at },
  };
}

export function withdrawn(person: Person, withdrawnAt = '2026-03-01T01:00:00.000Z'): RecipientWithdrawn {
  return {
    type: 'RecipientWithdrawn',
    data: { nik: person.nik, kk: person.kk, reason: 'Keluarga pindah domisili', withdrawnAt },
  };
}

import type { EventBody } from '../shared/metadata';
import type { Address, EnrolmentVia, Program, Source } from './registry.types';

export type RecipientRegistered = EventBody<
  'RecipientRegistered',
  {
    readonly nik: string;
    readonly kk: string;
    readonly fullName: string;
    readonly address: Address;
    readonly program: Program;
    readonly source: Source;
    readonly via: EnrolmentVia;
    readonly registeredAt: string;
  }
>;

/** A recipient leaves the program (or an enrolment is compensated); the household is free again. */
export type RecipientWithdrawn = EventBody<
  'RecipientWithdrawn',
  { readonly nik: string; readonly kk: string; readonly reason: string; readonly withdrawnAt: string }
>;

/** The civil fact that a NIK belongs to a family card (one household per NIK). */
export type NikLinkedToHousehold = EventBody<
  'NikLinkedToHousehold',
  { readonly nik: string; readonly kk: string; readonly linkedAt: string }
>;

export type HouseholdEvent = RecipientRegistered | RecipientWithdrawn;
export type NikEvent = NikLinkedToHousehold;

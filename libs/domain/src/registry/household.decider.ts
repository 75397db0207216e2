import { accept, assertNever, reject, type Decision } from '../shared/result';
import type { HouseholdEvent, RecipientRegistered } from './registry.events';
import type { EnrolmentVia, Person, Program, Source } from './registry.types';

/** One household (family card). At most one enrolment, from one source, at a time. */
export type HouseholdState =
  | { readonly status: 'not_enrolled' }
  | {
      readonly status: 'enrolled';
      readonly kk: string;
      readonly recipientNik: string;
      readonly program: Program;
      readonly source: Source;
      readonly via: EnrolmentVia;
      readonly enrolledAt: string;
      /** Id of the RecipientRegistered event: the fact an auto-reject rests on. */
      readonly enrolmentEventId: string;
    };

export const initialHouseholdState: HouseholdState = { status: 'not_enrolled' };

export interface EnrolRecipient {
  readonly type: 'EnrolRecipient';
  readonly person: Person;
  readonly program: Program;
  readonly source: Source;
  readonly via: EnrolmentVia;
  readonly at: string;
}

export function decideHousehold(command: EnrolRecipient, state: HouseholdState): Decision<HouseholdEvent> {
  switch (state.status) {
    case 'not_enrolled':
      return accept<HouseholdEvent>(registered(command));
    case 'enrolled':
      if (sameAssessment(state.via, command.via)) return accept<HouseholdEvent>(); // a retried enrolment
      if (state.recipientNik === command.person.nik) {
        return reject('NIK_ALREADY_ENROLLED', 'This person is already enrolled as a recipient.', {
          program: state.program.code,
          source: state.source,
        });
      }
      return reject(
        'HOUSEHOLD_ALREADY_ENROLLED',
        `This household (family card) is already enrolled, source ${state.source}: one source per household.`,
        { program: state.program.code, source: state.source },
      );
    default:
      return assertNever(state);
  }
}

function sameAssessment(a: EnrolmentVia, b: EnrolmentVia): boolean {
  return a.kind === 'assessment' && b.kind === 'assessment' && a.ticket === b.ticket;
}

function registered(command: EnrolRecipient): RecipientRegistered {
  const { person } = command;
  return {
    type: 'RecipientRegistered',
    data: {
      nik: person.nik,
      kk: person.kk,
      fullName: person.fullName,
      address: person.address,
      program: command.program,
      source: command.source,
      via: command.via,
      registeredAt: command.at,
    },
  };
}

export function evolveHousehold(
  state: HouseholdState,
  event: HouseholdEvent & { readonly metadata: { readonly eventId: string } },
): HouseholdState {
  switch (event.type) {
    case 'RecipientRegistered':
      return {
        status: 'enrolled',
        kk: event.data.kk,
        recipientNik: event.data.nik,
        program: event.data.program,
        source: event.data.source,
        via: event.data.via,
        enrolledAt: event.data.registeredAt,
        enrolmentEventId: event.metadata.eventId,
      };
    case 'RecipientWithdrawn':
      return initialHouseholdState;
    default:
      return assertNever(event);
  }
}

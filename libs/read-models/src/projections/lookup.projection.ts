import { assertNever, maskName, type Program, type Source } from '@bansos/domain';
import { rememberedLookupKeys, type LookupKeys } from './lookup-keys';
import type { ProjectedEvent, Projection } from './projection';

/**
 * The public NIK check. One document per person (`nik:<hash>`) and per household
 * (`kk:<hash>`); never a NIK, KK or address, only the masked name.
 */
export interface LookupDocument {
  readonly [field: string]: unknown;
  readonly kind: 'person' | 'household';
  readonly enrolled: boolean;
  /** For a person: the household key they belong to, so the check can fall back to it. */
  readonly householdKey: string | null;
  readonly maskedName: string | null;
  readonly program: Program | null;
  readonly source: Source | null;
  readonly enrolledAt: string | null;
}

const EMPTY = { enrolled: false, maskedName: null, program: null, source: null, enrolledAt: null } as const;

// The projector folds each event into its documents as it comes, so an event's NIK and
// KK are asked for again within a few calls (to route it, then to build each document).
// A few keys suffice; a map the size of a batch cost more to fill and clear than it saved.
const REMEMBERED_KEYS = 64;

export function lookupProjection(hmacKeys: LookupKeys): Projection<LookupDocument> {
  const keys = rememberedLookupKeys(hmacKeys, REMEMBERED_KEYS);
  return {
    name: 'lookup',
    collection: { name: 'lookup', indexes: [] },
    keysOf(event) {
      switch (event.type) {
        case 'RecipientRegistered':
        case 'RecipientWithdrawn':
          return [keys.nik(event.data.nik), keys.kk(event.data.kk)];
        case 'NikLinkedToHousehold':
          return [keys.nik(event.data.nik)];
        default:
          return [];
      }
    },
    evolve(doc, event, id) {
      return evolveLookup(doc, event, id, keys);
    },
    // An enrolment sets every field of both documents it touches.
    replaces: (event) => event.type === 'RecipientRegistered',
  };
}

function evolveLookup(
  doc: LookupDocument | null,
  event: ProjectedEvent,
  id: string,
  keys: LookupKeys,
): LookupDocument | null {
  const isPerson = id.startsWith('nik:');
  const base: LookupDocument = doc ?? { kind: isPerson ? 'person' : 'household', householdKey: null, ...EMPTY };
  switch (event.type) {
    case 'NikLinkedToHousehold':
      return { ...base, householdKey: keys.kk(event.data.kk) };
    case 'RecipientRegistered':
      // Built from the event alone (no field of `doc` survives): the projection says it replaces.
      return {
        kind: isPerson ? 'person' : 'household',
        householdKey: isPerson ? keys.kk(event.data.kk) : null,
        enrolled: true,
        maskedName: maskName(event.data.fullName),
        program: event.data.program,
        source: event.data.source,
        enrolledAt: event.data.registeredAt,
      };
    case 'RecipientWithdrawn':
      return { ...base, ...EMPTY };
    case 'ReportFiled':
    case 'ReportAutoRejected':
    case 'EligibilityAssessed':
    case 'AidDisbursed':
    case 'CaseOpened':
      return doc;
    default:
      return assertNever(event);
  }
}

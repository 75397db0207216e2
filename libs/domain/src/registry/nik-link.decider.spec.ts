import { decideNikLink, evolveNikLink, initialNikLinkState, type LinkNik } from './nik-link.decider';
import type { NikLinkedToHousehold } from './registry.events';
import { deciderSpec, foldEvents } from '../testing/decider-spec';
import { KK_NEIGHBOUR, KK_SANTOSO, MOTHER } from '../testing/fixtures';

/** A NIK belongs to one household (family card) only. */
const spec = deciderSpec({ decide: decideNikLink, evolve: evolveNikLink, initialState: initialNikLinkState });

const AT = '2026-01-05T02:00:00.000Z';
const link = (kk: string): LinkNik => ({ type: 'LinkNik', nik: MOTHER.nik, kk, at: AT });
const linked = (kk: string, linkedAt = AT): NikLinkedToHousehold => ({
  type: 'NikLinkedToHousehold',
  data: { nik: MOTHER.nik, kk, linkedAt },
});

describe('NIK link decider', () => {
  it('links an unknown NIK to its family card', () => {
    spec.given([]).when(link(KK_SANTOSO)).then([linked(KK_SANTOSO)]);
  });

  it('emits nothing when the NIK is already linked to the same family card', () => {
    spec.given([linked(KK_SANTOSO, '2025-12-01T00:00:00.000Z')]).when(link(KK_SANTOSO)).then([]);
  });

  it('refuses a NIK already linked to another family card: NIK_IN_OTHER_HOUSEHOLD', () => {
    const error = spec.given([linked(KK_SANTOSO)]).when(link(KK_NEIGHBOUR)).thenRejects('NIK_IN_OTHER_HOUSEHOLD');
    expect(error.message).toMatch(/one household per NIK/u);
    expect(JSON.stringify(error)).not.toContain(MOTHER.nik);
  });

  it('remembers the family card the NIK is linked to', () => {
    expect(foldEvents(evolveNikLink, initialNikLinkState, [linked(KK_SANTOSO)])).toEqual({
      status: 'linked',
      kk: KK_SANTOSO,
    });
  });
});

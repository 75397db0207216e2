import { accept, reject, type Decision } from '../shared/result';
import type { NikEvent } from './registry.events';

/** Which family card a NIK belongs to. A NIK belongs to one household only. */
export type NikLinkState =
  | { readonly status: 'unlinked' }
  | { readonly status: 'linked'; readonly kk: string };

export const initialNikLinkState: NikLinkState = { status: 'unlinked' };

export interface LinkNik {
  readonly type: 'LinkNik';
  readonly nik: string;
  readonly kk: string;
  readonly at: string;
}

export function decideNikLink(command: LinkNik, state: NikLinkState): Decision<NikEvent> {
  if (state.status === 'unlinked') {
    return accept<NikEvent>({
      type: 'NikLinkedToHousehold',
      data: { nik: command.nik, kk: command.kk, linkedAt: command.at },
    });
  }
  if (state.kk === command.kk) return accept<NikEvent>();
  return reject(
    'NIK_IN_OTHER_HOUSEHOLD',
    'This NIK is already recorded under another family card (KK): one household per NIK.',
  );
}

export function evolveNikLink(_state: NikLinkState, event: NikEvent): NikLinkState {
  return { status: 'linked', kk: event.data.kk };
}

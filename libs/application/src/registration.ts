import {
  decideEnrolment,
  evolveHousehold,
  evolveNikLink,
  householdStream,
  initialHouseholdState,
  initialNikLinkState,
  nikStream,
  type CommandContext,
  type Person,
  type Program,
  type Source,
} from '@bansos/domain';
import type { EventStore } from '@bansos/eventstore';
import { fold, toStreamAppends, withRetry, type Outcome } from './command-runner';

export interface RegisterRecipient {
  readonly person: Person;
  readonly program: Program;
  readonly source: Source;
}

export interface Registered {
  readonly position: string;
}

/** Registers one recipient: links the NIK to its family card and enrols the household, atomically. */
export async function registerRecipient(
  store: EventStore,
  command: RegisterRecipient,
  ctx: CommandContext,
): Promise<Outcome<Registered>> {
  return withRetry(async () => {
    const nikId = nikStream(command.person.nik);
    const householdId = householdStream(command.person.kk);
    const streams = await store.readStreams([nikId, householdId]);
    const nik = fold(streams.get(nikId) ?? [], evolveNikLink, initialNikLinkState);
    const household = fold(streams.get(householdId) ?? [], evolveHousehold, initialHouseholdState);
    const decision = decideEnrolment({ ...command, via: { kind: 'registration' }, at: ctx.at }, nik.state, household.state);
    if (!decision.ok) return decision;
    const results = await store.appendBatch(
      toStreamAppends(
        [
          { streamId: nikId, expected: nik.expected, events: decision.nik },
          { streamId: householdId, expected: household.expected, events: decision.household },
        ],
        ctx,
      ),
    );
    const last = results[results.length - 1];
    return { ok: true, value: { position: last ? last.position.toString() : '0' } };
  });
}

import type { Actor, CommandContext } from '@bansos/domain';
import type { ApiSystem } from '@bansos/platform';

/** Metadata of one HTTP command: a fresh command id, the clock's time and the caller. */
export function commandContext(system: ApiSystem, actor: Actor, correlationId?: string): CommandContext {
  const commandId = system.ids.uuid();
  return {
    commandId,
    at: system.clock.now().toISOString(),
    actor,
    correlationId: correlationId && /^[A-Za-z0-9-]{8,64}$/.test(correlationId) ? correlationId : commandId,
    causationId: null,
  };
}

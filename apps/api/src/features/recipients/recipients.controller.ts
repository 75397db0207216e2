import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { importRecipients, InputError, parseRegisterRecipient, registerRecipient } from '@bansos/application';
import { wibDate, type Actor } from '@bansos/domain';
import type { ApiSystem } from '@bansos/platform';
import { CurrentActor, Roles } from '../../auth/roles';
import { commandContext } from '../../http/command-context';
import { unwrap } from '../../http/domain-exception';
import { SYSTEM } from '../../system.token';

@ApiTags('recipients')
@ApiBearerAuth()
@Controller('api/v1/recipients')
export class RecipientsController {
  constructor(@Inject(SYSTEM) private readonly system: ApiSystem) {}

  @Post()
  @Roles('operator')
  @ApiOperation({ summary: 'Register one recipient (409 when the NIK or the household is already enrolled)' })
  async register(@Body() body: unknown, @CurrentActor() actor: Actor, @Headers('x-correlation-id') correlationId?: string) {
    const command = parseRegisterRecipient(body, this.inputContext());
    const ctx = commandContext(this.system, actor, correlationId);
    const registered = unwrap(await registerRecipient(this.system.events, command, ctx));
    return { status: 'registered', registeredAt: ctx.at, position: registered.position };
  }

  @Post('import')
  @HttpCode(200)
  @Roles('operator')
  @ApiConsumes('text/csv')
  @ApiOperation({ summary: 'Import recipients from CSV (header row; see README for the columns)' })
  async import(@Body() body: unknown, @CurrentActor() actor: Actor, @Headers('x-correlation-id') correlationId?: string) {
    if (typeof body !== 'string') {
      throw new InputError('INVALID_CSV', 'Send the file as the request body with Content-Type: text/csv.');
    }
    const batch = commandContext(this.system, actor, correlationId);
    return importRecipients(body.split('\n'), {
      store: this.system.events,
      input: this.inputContext(),
      // Fields named, not spread: a spread-and-extend literal is slow in V8, and this runs per line.
      contextFor: (line) => ({
        commandId: `${batch.commandId}:${line}`,
        at: batch.at,
        actor: batch.actor,
        correlationId: batch.correlationId,
        causationId: batch.commandId,
      }),
    });
  }

  private inputContext() {
    return { regions: this.system.regions, today: wibDate(this.system.clock.now()) };
  }
}

import { Body, Controller, HttpCode, HttpException, Inject, Post, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RateLimiter } from '../../http/rate-limit';
import { HTTP_OPTIONS, type HttpOptions } from '../../system.token';
import { CheckNikQuery, type CheckResult } from './check.query';

@ApiTags('public')
@Controller('api/v1/check')
export class CheckController {
  private readonly limiter: RateLimiter;

  constructor(
    private readonly queries: QueryBus,
    @Inject(HTTP_OPTIONS) options: HttpOptions,
  ) {
    this.limiter = new RateLimiter(options.checkRateLimitPerMinute);
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Cek NIK: is this person, or their household, already receiving aid?' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['nik'],
      properties: { nik: { type: 'string', example: '3510014506900001' }, kk: { type: 'string' } },
    },
  })
  async check(@Body() body: unknown, @Req() request: FastifyRequest): Promise<CheckResult> {
    if (!this.limiter.allow(request.ip)) {
      throw new HttpException(
        { code: 'RATE_LIMITED', message: 'Terlalu banyak permintaan. Silakan coba lagi dalam satu menit.' },
        429,
      );
    }
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    return this.queries.execute(new CheckNikQuery({ nik: fields.nik, kk: fields.kk }));
  }
}

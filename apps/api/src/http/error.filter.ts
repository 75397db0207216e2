import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { InputError } from '@bansos/application';
import type { FastifyReply } from 'fastify';
import { DomainException } from './domain-exception';
import { redact } from '@bansos/platform';

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details?: Record<string, unknown> };
}

/** Every error leaves as {"error":{"code","message"}}; only a fault of ours is a 500, and its text is not shown. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const [status, body] = toErrorResponse(exception);
    if (status >= 500) {
      const text = exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
      this.logger.error(redact(text));
    }
    void reply.status(status).send(body);
  }
}

export function toErrorResponse(exception: unknown): [number, ErrorBody] {
  if (exception instanceof InputError) {
    return [400, { error: { code: exception.code, message: exception.message, ...(exception.details ? { details: exception.details } : {}) } }];
  }
  if (exception instanceof DomainException) {
    const { code, message, details } = exception.error;
    return [exception.status, { error: { code, message, ...(details ? { details: { ...details } } : {}) } }];
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const code =
      typeof response === 'object' && response !== null && 'code' in response && typeof response.code === 'string'
        ? response.code
        : httpCode(status);
    return [status, { error: { code, message: exception.message } }];
  }
  const fastify = exception as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof fastify?.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    // Fastify's own rejections (bad JSON, body too large, wrong content type).
    const code = typeof fastify.code === 'string' ? fastify.code.replace(/^FST_ERR_/, '') : httpCode(fastify.statusCode);
    return [fastify.statusCode, { error: { code, message: typeof fastify.message === 'string' ? fastify.message : 'Bad request' } }];
  }
  return [500, { error: { code: 'INTERNAL', message: 'Terjadi kesalahan pada server. Silakan coba lagi.' } }];
}

function httpCode(status: number): string {
  const names: Record<number, string> = {
    400: 'BAD_REQUEST',
    401: 'UNAUTHENTICATED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    405: 'METHOD_NOT_ALLOWED',
    413: 'PAYLOAD_TOO_LARGE',
    415: 'UNSUPPORTED_MEDIA_TYPE',
    429: 'RATE_LIMITED',
  };
  return names[status] ?? `HTTP_${status}`;
}

import {
  createParamDecorator,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  SetMetadata,
  UnauthorizedException,
  type CanActivate,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Actor, StaffRole } from '@bansos/domain';
import { verifyToken, type StaffClaims, type ApiSystem } from '@bansos/platform';
import type { FastifyRequest } from 'fastify';
import { SYSTEM } from '../system.token';

const ROLES = 'bansos:roles';

/** Staff-only endpoint, open to these roles (admin always may). */
export const Roles = (...roles: StaffRole[]) => SetMetadata(ROLES, roles);

type AuthedRequest = FastifyRequest & { staff?: StaffClaims };

/**
 * Reads the bearer token on every request. Endpoints marked with @Roles need a valid
 * token with one of the roles; public endpoints still learn who a signed-in caller is.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(SYSTEM) private readonly system: ApiSystem,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES, [context.getHandler(), context.getClass()]);
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer (\S+)$/i.exec(header);
      const check = match ? verifyToken(this.system.secrets.tokenSecret, match[1], this.system.clock.now()) : null;
      if (!check || !check.ok) {
        throw new UnauthorizedException({ code: 'INVALID_TOKEN', message: 'The bearer token is invalid or expired.' });
      }
      request.staff = check.claims;
    }
    if (!roles) return true;
    if (!request.staff) {
      throw new UnauthorizedException({ code: 'UNAUTHENTICATED', message: 'This endpoint needs a staff bearer token.' });
    }
    if (request.staff.role !== 'admin' && !roles.includes(request.staff.role)) {
      throw new ForbiddenException({ code: 'FORBIDDEN', message: `This endpoint is for roles: ${roles.join(', ')}.` });
    }
    return true;
  }
}

/** The caller as recorded in event metadata: a staff member from the token, or a citizen. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<AuthedRequest>();
  return request.staff ? { kind: 'staff', userId: request.staff.userId, role: request.staff.role } : { kind: 'citizen' };
});


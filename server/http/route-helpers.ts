/** Small helpers shared by the API routers: route params and role checks. */
import type { Request } from 'express';
import type { Role } from '../../shared/protocol.js';
import { AppError } from '../app-error.js';

/** A route parameter as a string, or undefined. */
export function routeParam(req: Request, name: string): string | undefined {
  const value: unknown = req.params[name];
  return typeof value === 'string' ? value : undefined;
}

/** Refuses (403) a role that is not in `allowed`; `what` completes "only the … link can …". */
export function requireRole(role: Role, allowed: readonly Role[], what: string): void {
  if (!allowed.includes(role)) throw new AppError('forbidden', `only the ${allowed.join(' or ')} link can ${what}`);
}

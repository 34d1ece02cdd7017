/** Small helpers shared by the API routers: route params, role checks, and storage failures as HTTP errors. */
import type { Request } from 'express';
import { API_ERROR } from '../../shared/api.js';
import type { Role } from '../../shared/protocol.js';
import { isStoreError, STORE_ERROR } from '../persistence/store-error.js';
import { RoomLoadError } from '../rooms/registry.js';
import { HttpError } from './errors.js';

/** A route parameter as a string, or undefined. */
export function routeParam(req: Request, name: string): string | undefined {
  const value: unknown = req.params[name];
  return typeof value === 'string' ? value : undefined;
}

/** Refuses (403) a role that is not in `allowed`; `what` completes "only the … link can …". */
export function requireRole(role: Role, allowed: readonly Role[], what: string): void {
  if (!allowed.includes(role)) throw new HttpError(403, API_ERROR.forbidden, `only the ${allowed.join(' or ')} link can ${what}`);
}

/** Runs a store or room call, turning storage failures into HTTP errors with a fitting status. */
export async function storage<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isStoreError(error, STORE_ERROR.notFound)) throw new HttpError(404, API_ERROR.notFound, `${what}: not found`);
    if (isStoreError(error, STORE_ERROR.exists)) throw new HttpError(409, API_ERROR.conflict, `${what}: already exists`);
    if (isStoreError(error) || error instanceof RoomLoadError) {
      throw new HttpError(503, API_ERROR.unavailable, `${what}: storage is unavailable, try again`);
    }
    throw error;
  }
}

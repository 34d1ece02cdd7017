/** Security headers on every response: no referrer (tokens travel in URL fragments), nosniff, and a CSP for the Vite build. */
import type { RequestHandler } from 'express';

/** The Content-Security-Policy of the app. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Sets the headers. */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Frame-Options': 'DENY',
  });
  next();
};

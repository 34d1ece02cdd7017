/** The express app: security headers, API routes, health, static client, and the one JSON error middleware. */
import express, { type Express, type Request } from 'express';
import type { Logger } from '../logger.js';
import type { BoardStore } from '../persistence/board-store.js';
import type { RoomRegistry } from '../rooms/registry.js';
import { boardRoutes, joinRoutes } from './boards.js';
import { createSessionRouter } from './session-routes.js';
import { createExportRouter } from './export-routes.js';
import { createActionRouter } from './action-routes.js';
import { createSeriesRouter } from './series-routes.js';
import { createCompareRouter } from './compare-routes.js';
import { createMetricsRouter } from './metrics-routes.js';
import { createVoteRouter } from './vote-routes.js';
import type { LiveDocs } from '../facilitation/live-docs.js';
import type { AttendanceTracker } from '../facilitation/attendance-tracker.js';
import { apiNotFound, errorHandler, notFound } from './errors.js';
import { healthRoutes, type HealthChecks, type HealthSource } from './health.js';
import { firstLanAddress, roomAddress } from './room-address.js';
import type { ServerMetrics } from '../observability/metrics.js';
import { prometheusRoutes } from './prometheus.js';
import type { RateLimits } from './rate-limits.js';
import { securityHeaders } from './security-headers.js';
import { staticRoutes } from './static.js';
import { guessLimit } from './guess-limit.js';
import type { GuessGuard } from '../auth/guess-guard.js';

/** Dependencies of the HTTP app. */
export interface AppOptions {
  store: BoardStore;
  registry: RoomRegistry;
  /** the live docs the services borrow (with the catch-up barrier of the scale-out mode) */
  docs: LiveDocs;
  queue: HealthSource;
  clientDir: string;
  publicUrl: string | undefined;
  /** Config.host (see BoardRoutesOptions.bindHost) */
  bindHost: string;
  /** this machine's LAN address; tests pass their own */
  lanAddress?: () => string | undefined;
  logger: Logger;
  attendance: AttendanceTracker;
  /** store and Redis checks for /healthz */
  health: HealthChecks;
  metrics: ServerMetrics;
  /** METRICS_TOKEN: /metrics is off without it */
  metricsToken: string | undefined;
  /** per-address limits of board creation and join-code lookups */
  rateLimits: RateLimits;
  /** TRUST_PROXY: proxies whose X-Forwarded-For gives the client address */
  trustProxyHops: number;
  /** Counts failed credential attempts per address (429 once over the limit). */
  guessGuard: GuessGuard;
  /** Ends the open connections admitted with a replaced credential (link rotation). */
  revokeCredential: (boardId: string, tag: string) => void;
}

/** Builds the express app. */
export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(securityHeaders);
  app.use(healthRoutes(options.registry, options.queue, options.health));
  app.use(prometheusRoutes(options.metrics, options.metricsToken));
  if (options.trustProxyHops > 0) app.set('trust proxy', options.trustProxyHops);
  app.post('/api/boards', options.rateLimits.createBoard);
  app.use('/api', guessLimit(options.guessGuard, options.logger));
  app.use('/api/boards', boardRoutes(options));
  app.use('/api/join', options.rateLimits.joinLookup);
  app.use('/api/join', joinRoutes(options.store));
  const { docs } = options;
  const liveVisitIds = (): ReadonlySet<number> => options.attendance.liveVisitIds();
  app.use('/api/boards', createSessionRouter({ store: options.store, docs, logger: options.logger, liveVisitIds }));
  app.use('/api/boards', createActionRouter({ store: options.store, docs, publicUrl: options.publicUrl }));
  const lanAddress = options.lanAddress ?? (() => firstLanAddress());
  const roomBase = (req: Request): string =>
    roomAddress({ protocol: req.protocol, host: req.get('host') }, { publicUrl: options.publicUrl, bindHost: options.bindHost, lanAddress }).baseUrl;
  app.use('/api/boards', createSeriesRouter({ store: options.store, docs, logger: options.logger, publicUrl: options.publicUrl, roomBase }));
  app.use('/api/boards', createCompareRouter({ store: options.store, docs, logger: options.logger }));
  app.use('/api/boards', createExportRouter({ store: options.store, docs, logger: options.logger, liveVisitIds }));
  app.use('/api/boards', createMetricsRouter({ store: options.store, docs }));
  app.use('/api/boards', createVoteRouter({ store: options.store, docs }));
  app.use('/api', apiNotFound);
  app.use(...staticRoutes(options.clientDir));
  app.use(notFound);
  app.use(errorHandler(options.logger));
  return app;
}

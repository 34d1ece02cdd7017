/**
 * Stands in for `@opentelemetry/api` inside the server bundle (scripts/bundle-server.mjs aliases the package here).
 * prom-client's default CPU metric requires it when it loads, to attach the current trace to exemplars, which the
 * server does not enable; the API's set-up (its global registry, context and trace singletons) ran at every
 * start. The real package is loaded from node_modules on the first call, so an exemplar would still get its span.
 * Only what prom-client calls: context.active and trace.getSpan.
 */
import { createRequire } from 'node:module';
import type * as Otel from '@opentelemetry/api';

let real: typeof Otel | undefined;

/** The real @opentelemetry/api, loaded from node_modules on first use. */
function otel(): typeof Otel {
  real ??= createRequire(import.meta.url)('@opentelemetry/api') as typeof Otel;
  return real;
}

export const context = {
  active: (): Otel.Context => otel().context.active(),
};

export const trace = {
  getSpan: (ctx: Otel.Context): Otel.Span | undefined => otel().trace.getSpan(ctx),
};

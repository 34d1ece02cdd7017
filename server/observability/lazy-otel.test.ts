/** The bundle's stand-in for @opentelemetry/api answers what the API answers, for the calls prom-client makes. */
import * as otel from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { context, trace } from './lazy-otel.js';

describe('lazy @opentelemetry/api', () => {
  it('gives the active context and its span as the API does', () => {
    // No context manager registered: the root context, without a span (the stand-in loads the CommonJS build, this
    // test imports the ES one, so the two root contexts are different objects).
    expect(trace.getSpan(context.active())).toBeUndefined();
    expect(otel.trace.getSpan(otel.context.active())).toBeUndefined();
    const span = otel.trace.wrapSpanContext({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 });
    const withSpan = otel.trace.setSpan(otel.context.active(), span);
    expect(trace.getSpan(withSpan)).toBe(span);
  });
});

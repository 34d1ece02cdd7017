/**
 * Zod without its JIT: the JIT probes `new Function`, which the server's Content-Security-Policy forbids
 * (no 'unsafe-eval'), and the probe would log a CSP violation on every page.
 */
import * as z from '../../shared/zod.js';

z.config({ jitless: true });

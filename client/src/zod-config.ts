/**
 * Zod without its JIT: the JIT probes `new Function`, which the server's Content-Security-Policy forbids
 * (no 'unsafe-eval'), and the probe would log a CSP violation on every page.
 */
import { z } from 'zod';

z.config({ jitless: true });

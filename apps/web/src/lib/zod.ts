/**
 * The console's zod: `zod/mini`, like the contract's schemas (functions instead of methods, so the
 * bundle keeps only what it uses). main.tsx imports this first; the console's own schemas import
 * `z` from here, so the setting below holds before any of them parses.
 *
 * `jitless`: zod never probes `new Function` (a compiled fast path for objects). The BFF's CSP
 * allows no `unsafe-eval`, so the probe would only fail, and be reported as a CSP violation.
 */
import * as z from 'zod/mini';

z.config({ jitless: true });

export { z };

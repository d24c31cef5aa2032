/**
 * Zod compiles fast validators with `new Function` when it can; its probe for that is itself a
 * CSP violation under the panel's no-eval policy (reported even though it is caught). Jitless
 * mode skips both. Imported first by main.ts, before any schema is used.
 */
import { z } from 'zod';

z.config({ jitless: true });

/**
 * The contract's zod: `zod/mini`, whose schemas are plain data checked by functions, so a browser
 * bundle keeps only what it uses (classic zod puts every method on every schema). The contract's
 * files import `z` from here, never from `zod` or `zod/mini` directly.
 *
 * `zod/mini` loads no locale, so every default message would read "Invalid input". The English
 * messages are part of the contract: the emulator's and the BFF's error answers carry them. A
 * locale chosen before this runs (classic zod's own default is also English) is kept.
 */
import * as z from 'zod/mini';

if (z.config().localeError === undefined) z.config(z.locales.en());

export { z };

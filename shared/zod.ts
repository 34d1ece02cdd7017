/**
 * zod for every schema of the project: `zod/mini`, the tree-shakable build of the same library, so only the
 * parts used end up in a bundle (the full `zod` was 0.46 MB of the server's start-up chunk). Import it as
 * `import * as z from '<path>/zod.js'`: a namespace import keeps it tree-shakable, a `z` object would not.
 * zod/mini loads no locale by itself; English is loaded here, once, so issue messages (in API errors) read as
 * they did with `zod`.
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';

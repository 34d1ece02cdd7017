/**
 * Stands in for `qs` inside the server bundle (scripts/bundle-server.mjs aliases the package here). express and
 * body-parser require qs when they load, for the "extended" query parser and urlencoded bodies, neither of which
 * the server uses (the query parser is "simple", there is no urlencoded route); qs brings object-inspect,
 * side-channel and get-intrinsic, whose set-up ran at every start. The real qs is loaded from node_modules on the
 * first call, so whoever does parse a query or body that way gets qs's own answers.
 * Only what express and body-parser call: parse.
 */
import { createRequire } from 'node:module';
import type * as Qs from 'qs';

let real: typeof Qs | undefined;

/** The real qs, loaded from node_modules on first use. */
function qs(): typeof Qs {
  real ??= createRequire(import.meta.url)('qs') as typeof Qs;
  return real;
}

export function parse(text: string, options?: Qs.IParseOptions): ReturnType<typeof Qs.parse> {
  return qs().parse(text, options);
}

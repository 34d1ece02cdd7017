#!/usr/bin/env node
/**
 * Bundles the server with esbuild into dist/server/:
 * - `server.cjs`: server/serve.ts and what it imports, dependencies included, as one minified CommonJS file. Loading
 *   one file instead of some two thousand modules is most of a fast start and a smaller idle process
 *   (docs/benchmarks.md). CommonJS so that the entry can compile it through V8's code cache
 *   (server/boot/code-cache.ts): Node 20 has no compile cache for ES modules. Lazily imported parts (PostgreSQL
 *   store, Redis bus, PDF/PNG exports) are inside it and still evaluated only on first use.
 * - `main.js`: the entry (server/main.ts), with server/boot/load-serve-bundled.ts in the place of load-serve.ts.
 * What server.cjs holds matters too: V8 parses all of it when there is no code cache, and the parse's memory stays
 * in the malloc heap (ALIAS and jsonParse below). Type checking stays with tsc (`npm run build:server` runs it
 * first); the first code cache is made by scripts/warm-start-cache.mjs, which `npm run build:server` runs after.
 * Left outside the bundle: native addons and packages that read their own files or start workers at run time.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { MIME_DB_READERS, mimeDbSubset } from './mime-db-subset.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// BUNDLE_OUTDIR: another directory inside the repository (the bundle finds its externals in node_modules above it).
const outdir = process.env.BUNDLE_OUTDIR ? path.resolve(root, process.env.BUNDLE_OUTDIR) : path.join(root, 'dist', 'server');

/**
 * Loaded from node_modules at run time (see the module comment). pino is bundled: loading it from node_modules took
 * some thirty CommonJS modules and 0.5 MiB more at start. Its transports (worker threads started from pino's own
 * files) would not find those files in the bundle; the server uses none (JSON lines, or pino-pretty in-process).
 */
const EXTERNAL = [
  'sqlite3', // native addon
  'pg', // loaded only with DATABASE_URL
  'ioredis', // loaded only with REDIS_URL
  'pino-pretty', // loaded only for a person at a terminal (server/logger.ts)
  'pdfkit', // reads its font metrics from its package directory
  'fontkit',
  '@resvg/resvg-js', // native addon
  'bufferutil', // optional native helpers of ws
  'utf-8-validate',
];

/**
 * Replaced inside the bundle by a module of ours. iconv-lite: body-parser and raw-body load it at start, and its
 * encoding tables were 0.5 MB of main.js; server/http/lazy-iconv.ts decodes UTF-8 itself and loads the real
 * package from node_modules only for another charset (so it must stay installed: it is body-parser's dependency).
 */
const ALIAS = {
  'iconv-lite': './server/http/lazy-iconv.ts',
  qs: './server/http/lazy-qs.ts', // express and body-parser, for parsers the server does not use
  '@opentelemetry/api': './server/observability/lazy-otel.ts', // prom-client, for exemplars the server does not enable
};

/**
 * Packages whose index requires every class they have, where the server uses a few: inside the bundle the bare
 * name resolves to a module exporting only these, each from its own file, so the rest is neither parsed nor run at
 * start (rate-limiter-flexible's index loads some twenty stores: Mongo, MySQL, DynamoDB, cluster, ...). Importing a
 * name not listed here fails the build.
 */
const PICK = {
  'rate-limiter-flexible': {
    RateLimiterMemory: 'lib/RateLimiterMemory.js',
    RateLimiterRedis: 'lib/RateLimiterRedis.js',
    RateLimiterRes: 'lib/RateLimiterRes.js',
  },
};

const pick = {
  name: 'pick',
  setup(build) {
    const names = Object.keys(PICK).map((name) => name.replace(/[/\\-]/g, '\\$&'));
    build.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({ path: args.path, namespace: 'pick' }));
    build.onLoad({ filter: /.*/, namespace: 'pick' }, (args) => ({
      contents: Object.entries(PICK[args.path])
        .map(([name, file]) => `export { default as ${name} } from ${JSON.stringify(`${args.path}/${file}`)};`)
        .join('\n'),
      resolveDir: root,
      loader: 'js',
    }));
  },
};

/**
 * JSON files become `JSON.parse('<text>')` instead of an object literal: the same data, read by V8's JSON parser
 * rather than compiled as JavaScript. For mime-db (loaded at start by express's mime-types) the
 * literal's compilation left 1.3 MiB more malloc heap in the idle process (docs/benchmarks.md).
 */
const jsonParse = {
  name: 'json-parse',
  setup(build) {
    build.onLoad({ filter: /\.json$/ }, async (args) => {
      let data = JSON.parse(await readFile(args.path, 'utf8'));
      if (MIME_DB_FILE.test(args.path)) data = mimeDbSubset(data);
      const text = JSON.stringify(data);
      return { contents: `module.exports = JSON.parse(${JSON.stringify(text)});`, loader: 'js' };
    });
  },
};

/** mime-db's data file: the bundle holds only what mime-types reads of it (scripts/mime-db-subset.mjs). */
const MIME_DB_FILE = /[\\/]node_modules[\\/]mime-db[\\/]db\.json$/;

/**
 * `import.meta.url` in a CommonJS bundle: the bundle file's URL, as it was for each chunk of the ES module bundle
 * (server/ uses it only to create a `require` that resolves from node_modules above dist/server).
 */
const importMetaUrl = {
  name: 'import-meta-url',
  setup(build) {
    build.onResolve({ filter: /^jr:import-meta-url$/ }, () => ({ path: 'import-meta-url', namespace: 'jr' }));
    build.onLoad({ filter: /.*/, namespace: 'jr' }, () => ({
      contents: "export const importMetaUrl = require('node:url').pathToFileURL(__filename).href;",
      loader: 'js',
    }));
  },
};

/** In main.js, the loader of the built server (code cache) in the place of the sources' plain import. */
const bundledLoader = {
  name: 'bundled-loader',
  setup(build) {
    build.onResolve({ filter: /(^|\/)load-serve\.js$/ }, (args) => ({ path: path.resolve(args.resolveDir, path.dirname(args.path), 'load-serve-bundled.ts') }));
  },
};

/** Fails the build if a package other than mime-types imports mime-db: it might read the fields the subset drops. */
const mimeDbReaders = {
  name: 'mime-db-readers',
  setup(build) {
    build.onResolve({ filter: /^mime-db$/ }, (args) => {
      const importer = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/](?!.*node_modules)/.exec(args.importer)?.[1];
      if (importer && MIME_DB_READERS.includes(importer)) return undefined;
      return { errors: [{ text: `mime-db imported by ${args.importer}: the bundle keeps only what ${MIME_DB_READERS.join(', ')} read of it (scripts/mime-db-subset.mjs)` }] };
    });
  },
};

await rm(outdir, { recursive: true, force: true });
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Whitespace and syntax are minified; identifiers are not, so classes and functions keep the names they have
  // in the sources (logs, pino's error `type`, stack traces) without esbuild's `keepNames`. That option renames
  // every named function when it is created, also closures created per request or per update, and the
  // `defineProperty` on each one made V8 give up TurboFan compiles of Yjs's hot paths as they finished
  // ("dependency change"), over and over: about a third of the server's CPU per note in a burst
  // (docs/benchmarks.md, "The bundle's names").
  minifyWhitespace: process.env.BUNDLE_MINIFY !== '0',
  minifySyntax: process.env.BUNDLE_MINIFY !== '0',
  sourcemap: 'linked',
  logLevel: 'warning',
};
await build({
  ...common,
  entryPoints: ['server/serve.ts'],
  outfile: path.join(outdir, 'server.cjs'),
  format: 'cjs',
  external: EXTERNAL,
  alias: ALIAS,
  define: { 'import.meta.url': 'importMetaUrl' },
  inject: ['jr:import-meta-url'],
  plugins: [pick, mimeDbReaders, jsonParse, importMetaUrl],
});
await build({
  ...common,
  entryPoints: ['server/main.ts'],
  outfile: path.join(outdir, 'main.js'),
  format: 'esm',
  plugins: [bundledLoader],
});

/**
 * Runs the server's CommonJS bundle (`dist/server/server.cjs`) through V8's code cache. Without one, every start
 * parses the 0.8 MB bundle and compiles, one at a time, each function the start calls: about 65 ms of a 280 ms
 * start on the benchmark's machine (docs/benchmarks.md). Node 20 has no compile cache for ES modules
 * (`module.enableCompileCache` is Node 22), hence a CommonJS bundle compiled by `vm.Script` with `cachedData`.
 *
 * The cache is V8's bytecode of the functions that had run by the time the server listened (`save`). V8 rejects a
 * cache made by another V8 or with other flags, but of the source it checks only the length: so the cache file is
 * named by a hash of the bundle's text, and a cache made for another build is never read. Nor does V8 check that the
 * cache is whole (a damaged one crashed the process in a test): the file carries a digest of V8's data, and a cache
 * that does not match it is not handed to V8. A cache that is absent, damaged or rejected only costs the compile it
 * would have saved, and the start then saves a new one.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** What the start did with the cache: read and accepted by V8, damaged or rejected by V8, or none to read. */
export type CodeCacheStatus = 'used' | 'rejected' | 'absent';

export interface CodeCache {
  status: CodeCacheStatus;
  /** the cache file for this bundle's text */
  file: string;
  /**
   * Writes V8's cache of the bundle as it is compiled now (call it once the server listens), through a temporary
   * file and a rename: another instance starting from the same directory reads a whole cache or none.
   */
  save(): Promise<void>;
}

/** Node's CommonJS wrapper; the bundle's first line stays the script's second (lineOffset below). */
const WRAPPER_START = '(function (exports, require, module, __filename, __dirname) {\n';
const WRAPPER_END = '\n})';

type ModuleFunction = (exports: object, require: NodeJS.Require, module: { exports: object }, filename: string, dirname: string) => void;

/** The cache file: this tag, then the SHA-256 digest of V8's data, then the data. */
const TAG = Buffer.from('journeyroom code cache 1\n');
const DIGEST_BYTES = 32;

const digest = (data: Uint8Array): Buffer => createHash('sha256').update(data).digest();

/** V8's data in a cache file, or undefined when the file is not a whole one. */
function cachedDataIn(file: Buffer): Buffer | undefined {
  const start = TAG.length + DIGEST_BYTES;
  if (file.length <= start || !file.subarray(0, TAG.length).equals(TAG)) return undefined;
  const data = file.subarray(start);
  return digest(data).equals(file.subarray(TAG.length, start)) ? data : undefined;
}

/** The file that holds the code cache of `bundle` whose text is `source`. */
export function codeCacheFile(bundle: string, source: string): string {
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  return path.join(path.dirname(bundle), `${path.basename(bundle, path.extname(bundle))}-${hash}.v8-cache`);
}

/** Requires the CommonJS file `bundle` as Node would, compiled from its code cache when there is a usable one. */
export function requireWithCodeCache(bundle: string): { exports: unknown; codeCache: CodeCache } {
  const source = readFileSync(bundle, 'utf8');
  const file = codeCacheFile(bundle, source);
  let stored: Buffer | undefined;
  try {
    stored = readFileSync(file);
  } catch {
    stored = undefined; // absent (a first start) or unreadable: compiled from the source
  }
  const cachedData = stored && cachedDataIn(stored);
  const script = new vm.Script(WRAPPER_START + source + WRAPPER_END, {
    filename: bundle,
    lineOffset: -1,
    cachedData,
    // Any import() left in the bundle resolves as it would in a module of the main context.
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const status: CodeCacheStatus = stored === undefined ? 'absent' : cachedData === undefined || script.cachedDataRejected === true ? 'rejected' : 'used';
  const module = { exports: {} };
  const run = script.runInThisContext() as ModuleFunction;
  run.call(module.exports, module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  return { exports: module.exports, codeCache: { status, file, save: () => save(file, script.createCachedData()) } };
}

async function save(file: string, data: Buffer): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, Buffer.concat([TAG, digest(data), data]));
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

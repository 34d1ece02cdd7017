/**
 * Runs the server's CommonJS bundle (`dist/server/server.cjs`) through V8's code cache. Without one, every start
 * parses the 1 MB bundle and compiles, one at a time, each function the start calls: about 50 ms of a 275 ms
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
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
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

/** Node's CommonJS wrapper; the bundle's first line is the script's second (lineOffset below). */
const WRAPPER_START = '(function (exports, require, module, __filename, __dirname) {\n';
const WRAPPER_END = '\n})';

type ModuleFunction = (exports: object, require: NodeJS.Require, module: { exports: object }, filename: string, dirname: string) => void;

/**
 * The cache file: this tag, then the SHA-256 digest of V8's data, then the data, which thus starts 64 bytes in: V8
 * copies cached data that is not pointer-aligned before it reads it (one more large block freed, see RETAINED).
 */
const TAG = Buffer.from(`${'journeyroom code cache 1'.padEnd(31)}\n`);
const DIGEST_BYTES = 32;

const digest = (data: Uint8Array): Buffer => createHash('sha256').update(data).digest();

/** V8's data in a cache file, or undefined when the file is not a whole one. */
function cachedDataIn(file: Buffer): Buffer | undefined {
  const start = TAG.length + DIGEST_BYTES;
  if (file.length <= start || !file.subarray(0, TAG.length).equals(TAG)) return undefined;
  const data = file.subarray(start);
  return digest(data).equals(file.subarray(TAG.length, start)) ? data : undefined;
}

/**
 * The large buffers of a start, kept for the life of the process (the cache read, or the one made). Freeing a block
 * larger than glibc malloc's mmap threshold raises that threshold to the block's size, and the trim threshold to
 * twice it, for good (memory/malloc-threshold.ts sets them to 512 KiB on purpose). Freed, the 0.8 MB cache and the
 * bundle's text read whole raised them further, and the SQLite and V8 helper threads' arenas kept some 5 MiB more
 * after 500 boards had been visited (docs/benchmarks.md); kept, the cache costs its own size. For the same reason
 * the bundle is read and hashed in pieces.
 */
const RETAINED: Buffer[] = [];

/** Below any mmap threshold of glibc's malloc (see RETAINED). */
const READ_PIECE_BYTES = 64 * 1024;

const cacheFileOf = (bundle: string, hash: string): string =>
  path.join(path.dirname(bundle), `${path.basename(bundle, path.extname(bundle))}-${hash.slice(0, 16)}.v8-cache`);

/** The file that holds the code cache of `bundle` whose text (or bytes) is `source`. */
export function codeCacheFile(bundle: string, source: string | Uint8Array): string {
  return cacheFileOf(bundle, createHash('sha256').update(source).digest('hex'));
}

/** The script text of the CommonJS file `bundle` (in Node's wrapper) and the hash of its bytes, read in pieces. */
function readWrapped(bundle: string): { text: string; hash: string } {
  const fd = openSync(bundle, 'r');
  try {
    const piece = Buffer.allocUnsafeSlow(READ_PIECE_BYTES);
    const decoder = new StringDecoder('utf8');
    const hash = createHash('sha256');
    const parts = [WRAPPER_START];
    for (let bytes = readSync(fd, piece); bytes > 0; bytes = readSync(fd, piece)) {
      hash.update(piece.subarray(0, bytes));
      parts.push(decoder.write(piece.subarray(0, bytes)));
    }
    parts.push(decoder.end(), WRAPPER_END);
    return { text: parts.join(''), hash: hash.digest('hex') };
  } finally {
    closeSync(fd);
  }
}

/** Requires the CommonJS file `bundle` as Node would, compiled from its code cache when there is a usable one. */
export function requireWithCodeCache(bundle: string): { exports: unknown; codeCache: CodeCache } {
  const { text, hash } = readWrapped(bundle);
  const file = cacheFileOf(bundle, hash);
  let stored: Buffer | undefined;
  try {
    stored = readFileSync(file);
    RETAINED.push(stored);
  } catch {
    stored = undefined; // absent (a first start) or unreadable: compiled from the source
  }
  const cachedData = stored && cachedDataIn(stored);
  const script = new vm.Script(text, {
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
  RETAINED.push(data);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const handle = await open(temporary, 'w');
    try {
      const parts = [TAG, digest(data), data];
      const { bytesWritten } = await handle.writev(parts);
      if (bytesWritten !== parts.reduce((sum, part) => sum + part.length, 0)) throw new Error(`short write of ${file}`);
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

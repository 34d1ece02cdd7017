/**
 * Sets glibc malloc's mmap threshold to 512 KiB at start, as the ES module build of the server used to by accident.
 * glibc serves a block over the threshold (128 KiB at first) with mmap, and raises the threshold to the size of the
 * largest such block freed so far, and its trim threshold to twice that: how much free memory each thread's arena
 * keeps instead of giving it back. With the code cache (boot/code-cache.ts) nothing that large is freed at start
 * any more, and the arenas of the SQLite and V8 helper threads gave their pages back after every burst and took
 * them again: kill -9 100 ms after a burst of 200 writes lost writes in 24 % of trials against 12 % (their commits
 * came later). Raised far higher (2.4 MB, the code cache's first version), the arenas kept some 5 MiB more after
 * 500 boards had been visited. 512 KiB gave both goals back (docs/benchmarks.md). On other C libraries, or with
 * MALLOC_MMAP_THRESHOLD_ set, this is one short-lived allocation and nothing more.
 */

/** The block freed once: 512 KiB, what the ES module loader freed when it read the largest chunk. */
const MALLOC_THRESHOLD_BYTES = 512 * 1024;

/**
 * Allocates the block and drops it; V8 frees it with the first collection, which the start's own allocations bring
 * within milliseconds.
 */
export function raiseMallocThreshold(): void {
  Buffer.allocUnsafeSlow(MALLOC_THRESHOLD_BYTES);
}

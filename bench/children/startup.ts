// Fresh process: time from process start to a built segment index, and the heap the index holds.
// performance.now() counts from the process's time origin, so node start-up and the tsx loader count too.
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const { SegmentIndex } = await import('../../src/segments/segment-index.ts');
const phoneDatPath = process.argv[2];
gc();
gc();
const before = process.memoryUsage();
const loadStarted = performance.now();
const index = SegmentIndex.load(phoneDatPath ? { phoneDatPath } : {});
const readyMs = performance.now();
gc();
gc();
const after = process.memoryUsage();
// The index keeps its tables in typed arrays, which count as `external`/`arrayBuffers`, not `heapUsed`.
console.log(
  JSON.stringify({
    readyMs,
    loadMs: readyMs - loadStarted,
    indexHeapBytes: after.heapUsed - before.heapUsed,
    indexExternalBytes: after.external - before.external,
    rss: after.rss,
    segments: index.stats.allocatedSegments,
  }),
);

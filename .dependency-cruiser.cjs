// Import rules checked by `npm run lint:deps` (part of `npm test`); the layers are described in ARCHITECTURE.md.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'An import cycle makes load order matter and the modules impossible to understand one at a time.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-imports-neither-side',
      severity: 'error',
      comment: 'shared/ is pure and isomorphic: it runs in the browser and on the server alike.',
      from: { path: '^shared/' },
      to: { path: '^(server|client)/' },
    },
    {
      name: 'server-never-imports-client',
      severity: 'error',
      comment: 'The server talks to the client only over HTTP and WebSockets (and serves its built files).',
      from: { path: '^server/' },
      to: { path: '^client/' },
    },
    {
      name: 'client-never-imports-server',
      severity: 'error',
      comment: 'The client talks to the server only over HTTP and WebSockets; shared types live in shared/.',
      from: { path: '^client/' },
      to: { path: '^server/' },
    },
    {
      name: 'storage-depends-on-nothing-above-it',
      severity: 'error',
      comment: 'The storage port and its stores know nothing of rooms, sessions, sync or HTTP.',
      from: { path: '^server/persistence/' },
      to: { path: '^server/(rooms|session|sync|http|export|auth|metrics)/' },
    },
    {
      name: 'rooms-below-transport',
      severity: 'error',
      comment: 'Rooms own loaded docs; HTTP routes and sync connections use them, never the other way round.',
      from: { path: '^server/rooms/' },
      to: { path: '^server/(http|sync|session|export)/' },
    },
    {
      name: 'exporters-see-summaries-only',
      severity: 'error',
      comment: 'An exporter renders a Summary (shared/board/summary.ts): no rooms, store, sessions or HTTP.',
      from: { path: '^server/export/' },
      to: { path: '^server/(rooms|persistence|session|sync|http)/' },
    },
    {
      name: 'production-code-never-imports-tests',
      severity: 'error',
      comment: 'Test helpers and suites stay out of what ships.',
      from: { path: '^(server|shared|client)/', pathNot: '\\.(test|contract)\\.ts$|/contract-fixture\\.ts$' },
      to: { path: '(\\.test\\.ts|\\.contract\\.ts|/contract-fixture\\.ts)$|^test/|^e2e/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

/**
 * The project's module layers, checked by `npm run lint` (dependency-cruiser). Runtime imports
 * only (`tsPreCompilationDeps: false`): a type-only import vanishes when TypeScript compiles and
 * cannot make a cycle at run time. README.md (Architecture) says what each layer is.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-runtime-cycle',
      comment:
        'A module must not import itself back through others: load order then decides what is undefined.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'hub-without-sandbox',
      comment: 'The hub talks to vendors over HTTP only; the demo entry point alone starts the sandbox.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/main\\.ts$' },
      to: { path: '^sandbox/' },
    },
    {
      name: 'hub-without-dev-code',
      comment: 'Product code never depends on tests or benchmarks.',
      severity: 'error',
      from: { path: '^(src|connectors|sandbox)/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'connectors-through-the-list',
      comment: 'The hub knows connectors through their registration list, never one connector directly.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/connectors/connector\\.list\\.ts$' },
      to: { path: '^connectors/' },
    },
    {
      name: 'connectors-through-the-contract',
      comment: 'A connector sees the hub through src/connectors/contract.ts only (its one contract).',
      severity: 'error',
      from: { path: '^connectors/' },
      to: { path: '^src/', pathNot: '^src/connectors/contract\\.ts$' },
    },
    {
      name: 'sandbox-on-its-own',
      comment:
        'The sandbox plays the vendors; sharing the hub’s code would let it agree with the hub by construction.',
      severity: 'error',
      from: { path: '^sandbox/' },
      to: { path: '^(src|connectors|mappings)/' },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: false,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
  },
};

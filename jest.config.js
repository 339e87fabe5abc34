// Three tiers, told apart by place (STYLE.md §6): unit (no IO), integration (real Redis/DB),
// e2e (the whole app over HTTP against the sandbox).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const ESM_ONLY = '(content-disposition|intl-messageformat|@formatjs/[\\w-]+)';
const base = {
  // content-disposition 3 (under @fastify/static, used by /docs) and intl-messageformat 12 with its
  // @formatjs parts (the bot's messages) ship only ES modules; Node 20.19+ can require() them, Jest's
  // module loader cannot, so Jest compiles those packages to CommonJS.
  transform: { '^.+\\.ts$': swc, [`/node_modules/${ESM_ONLY}/.+\\.js$`]: swc },
  transformIgnorePatterns: [`/node_modules/(?!${ESM_ONLY}/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/setup/no-network.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/setup/nock-restore.ts'],
};
module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.spec.ts'],
      setupFilesAfterEnv: [...base.setupFilesAfterEnv, '<rootDir>/test/setup/slow-tier.ts'],
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'],
      setupFilesAfterEnv: [
        ...base.setupFilesAfterEnv,
        '<rootDir>/test/setup/slow-tier.ts',
        '<rootDir>/test/setup/open-harnesses.ts',
      ],
    },
  ],
};

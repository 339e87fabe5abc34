import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import regexp from 'eslint-plugin-regexp';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // No regular expression whose run time can grow faster than its input: a pattern that
    // backtracks (or restarts at every position) over a long, attacker-supplied string blocks the
    // event loop for the whole hub (issue 10: a 15,000-character URL stalled it for ~3 s).
    files: ['src/**/*.ts', 'connectors/**/*.ts', 'sandbox/**/*.ts'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
      'regexp/no-super-linear-move': ['error', { report: 'potential', ignoreSticky: false }],
    },
  },
  {
    // Type-only imports are not enforced: Nest reads constructor and parameter types at run time
    // (emitDecoratorMetadata), so `import type` of a DTO or injectable would silently break DI/validation.
    files: ['bench/**/*.ts', 'sandbox/main.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The helpdesk apps' and the card's browser files (apps/): plain scripts, no build step.
    files: ['apps/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser, ZAFClient: 'readonly' } },
  },
  {
    // The project's own command-line scripts (npm run package:zendesk).
    files: ['scripts/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
  {
    // Scripts that load ES-module-only packages (npm run lint:openapi).
    files: ['scripts/**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: globals.node },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Connectors import only the contract from the core (ARCHITECTURE.md: "imports only the contract").
    files: ['connectors/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '../../src/*',
                '!../../src/connectors',
                '../../src/connectors/*',
                '!../../src/connectors/contract',
              ],
              message: 'Connectors import only src/connectors/contract.',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Connectors get settings only through their validated options.',
        },
      ],
    },
  },
);

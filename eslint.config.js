// ESLint (npm run lint): the layering rules, and the recommended JavaScript and TypeScript rules
// that catch real mistakes. No style rules: formatting is not checked.
//
// Layers: ui → unit-ops → core, and cli → unit-ops → core (README "How it works"). core and
// unit-ops use neither Node nor the DOM; cli never imports ui, ui never imports cli. Tests and
// benchmarks may import anything. The type-check enforces the same layering once more
// (tsconfig.layers.json: a layer importing a layer it does not reference fails with TS6307).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const TESTS = ['**/*.test.ts', '**/*.test.tsx', '**/*test-helpers.ts'];
const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'url', 'util', 'stream', 'worker_threads', 'module'];
const EDITOR_PACKAGES = ['react', 'react/*', 'react-dom', 'react-dom/*', '@xyflow/*', 'd3-sankey', 'elkjs', 'elkjs/*', 'idb-keyval', 'immer'];
const TEST_PACKAGES = ['vitest', 'fast-check', 'mathjs', 'ml-matrix', 'playwright-core'];

/**
 * Rules for the source files of one top-level folder: the top-level folders (or root files, as
 * "index") it may not import, by relative path at every depth, and the packages it may not use.
 */
function layer(folder, { notFolders, notPackages, message }) {
  return [1, 2, 3, 4].map((depth) => {
    const up = '\\.\\./'.repeat(depth);
    const root = notFolders.includes('index') ? [{ regex: `^${'\\.\\./'.repeat(depth - 1)}\\.\\./?$`, message }] : []; // '..' up to the root is index.ts
    return {
      files: [`${folder}/${'*/'.repeat(depth - 1)}*.{ts,tsx}`],
      ignores: TESTS,
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              { regex: `^${up}(${notFolders.join('|')})(/.*)?$`, message },
              ...root,
              { group: notPackages, message },
              { regex: '^flexsheet(/.*)?$', message: 'import the sources by relative path, not the package itself' },
            ],
          },
        ],
      },
    };
  });
}

const pureGlobals = {
  files: ['core/**/*.ts', 'unit-ops/**/*.ts'],
  ignores: TESTS,
  rules: {
    'no-restricted-globals': [
      'error',
      ...['process', 'Buffer', 'require', '__dirname', '__filename', 'global', 'setImmediate', 'window', 'document', 'navigator', 'localStorage'].map((name) => ({
        name,
        message: 'core/ and unit-ops/ run in Node, in browsers and in Web Workers alike: pass the value in instead',
      })),
    ],
  },
};

export default defineConfig(
  { ignores: ['node_modules/', 'dist/', 'site/', 'test-results/', '**/*.d.ts', '**/*.generated.ts'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      // tsc's noUnusedLocals already reports unused names; this one would only duplicate it.
      '@typescript-eslint/no-unused-vars': 'off',
      // tsc resolves every name; ESLint's own check knows neither TypeScript globals nor the DOM.
      'no-undef': 'off',
      // The code uses comma sequences as statements on purpose (`while (…) (j++, n++)`).
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  {
    // Tests build odd inputs on purpose and rethrow what they check.
    files: [...TESTS, 'tests/**', 'bench/**', 'flowsheets/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'preserve-caught-error': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js', 'bin/flexsheet'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', performance: 'readonly', URL: 'readonly' } },
  },
  layer('core', {
    notFolders: ['unit-ops', 'ui', 'cli', 'tests', 'bench', 'flowsheets', 'index'],
    notPackages: [...NODE_BUILTINS, ...EDITOR_PACKAGES, ...TEST_PACKAGES],
    message: 'core/ imports no unit operation, editor, command line, test or Node module (README "How it works")',
  }),
  layer('unit-ops', {
    notFolders: ['ui', 'cli', 'tests', 'bench', 'flowsheets', 'index'],
    notPackages: [...NODE_BUILTINS, ...EDITOR_PACKAGES, ...TEST_PACKAGES],
    message: 'unit-ops/ imports only core/: no editor, command line, test or Node module',
  }),
  layer('cli', {
    notFolders: ['ui', 'tests', 'bench'],
    notPackages: [...EDITOR_PACKAGES, ...TEST_PACKAGES],
    message: 'cli/ imports core/ and unit-ops/, never the editor or test code',
  }),
  layer('ui', {
    notFolders: ['cli', 'tests', 'bench'],
    notPackages: [...NODE_BUILTINS, ...TEST_PACKAGES],
    message: 'ui/ runs in the browser: it imports core/ and unit-ops/, never the command line, Node or test code',
  }),
  pureGlobals,
);

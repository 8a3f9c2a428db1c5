import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: '.',
  server: { port: 5173, strictPort: true },
  test: {
    include: ['core/**/*.test.ts', 'unit-ops/**/*.test.ts', 'flowsheets/**/*.test.ts', 'cli/**/*.test.ts', 'ui/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['tests/browser/**', 'node_modules/**'],
    testTimeout: 60_000,
  },
});

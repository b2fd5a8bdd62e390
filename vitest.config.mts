import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// Nest's dependency injection needs decorator metadata, which only SWC (not esbuild) emits in tests.
const swcOptions = JSON.parse(readFileSync('tools/build/swc.server.json', 'utf8'));
const tsconfig = JSON.parse(readFileSync('tsconfig.base.json', 'utf8'));
const alias = Object.fromEntries(
  Object.entries(tsconfig.compilerOptions.paths as Record<string, string[]>).map(([name, [target]]) => [
    name,
    resolve(target as string),
  ]),
);

export default defineConfig({
  plugins: [
    swc.vite({
      jsc: { ...swcOptions.jsc, baseUrl: undefined, paths: undefined },
      module: { type: 'es6' },
    }),
  ],
  resolve: { alias },
  test: {
    reporters: ['default'],
    pool: 'forks',
    // Decorator metadata needs the Reflect polyfill loaded before any decorated class.
    setupFiles: ['reflect-metadata'],
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['{apps,libs,tools,migrations}/**/*.spec.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'int',
          include: ['{apps,libs,tools,migrations}/**/*.int-spec.ts'],
          globalSetup: ['libs/server/testing/src/integration.global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e-spec.ts'],
          globalSetup: ['libs/server/testing/src/e2e.global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

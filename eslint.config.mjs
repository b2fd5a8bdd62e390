import nx from '@nx/eslint-plugin';
import angular from 'angular-eslint';
import prettier from 'eslint-config-prettier';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * The dependency rules of ARCHITECTURE.md §1. Test files may also use the testing library
 * (fake vendors, test apps); production code never may.
 */
function moduleBoundaries({ testing }) {
  const withTesting = (tags) => (testing ? [...tags, 'type:testing'] : tags);
  return [
    'error',
    {
      enforceBuildableLibDependency: true,
      allow: [],
      // The test harness composes every library (migrations, the worker) and the libraries' own
      // tests use it: a cycle only in the graph of test files, never in production code.
      ignoredCircularDependencies: [
        ['server-testing', 'tag:type:domain'],
        ['server-testing', 'tag:type:migrations'],
      ],
      depConstraints: [
        { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:server', 'scope:shared'] },
        { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['scope:console', 'scope:shared'] },
        { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
        {
          sourceTag: 'type:app',
          onlyDependOnLibsWithTags: withTesting([
            'type:migrations',
            'type:domain',
            'type:platform',
            'type:contracts',
          ]),
        },
        // Migrations compose every library's entities; only apps and the test harness use them.
        {
          sourceTag: 'type:migrations',
          onlyDependOnLibsWithTags: ['type:domain', 'type:platform', 'type:contracts'],
        },
        {
          sourceTag: 'type:domain',
          onlyDependOnLibsWithTags: withTesting(['type:domain', 'type:platform', 'type:contracts']),
        },
        { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts'] },
        { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
        {
          sourceTag: 'type:testing',
          onlyDependOnLibsWithTags: ['type:migrations', 'type:domain', 'type:platform', 'type:contracts'],
        },
        { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:testing', 'type:contracts'] },
      ],
    },
  ];
}

export default tseslint.config(
  {
    ignores: ['**/dist', '**/node_modules', '**/.nx', '**/.angular', '**/.data', 'e2e/artifacts', '**/*.mjs'],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries({ testing: false }),
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'import-x/no-cycle': 'error',
      'no-console': 'error',
    },
  },
  {
    // The simulator and benchmarks drive the product with the fake vendors' real-format payloads.
    files: [
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
      'tools/simulate/**/*.ts',
      'tools/bench/**/*.ts',
    ],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries({ testing: true }) },
  },
  {
    files: ['apps/console/**/*.ts'],
    extends: [...angular.configs.tsRecommended],
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/prefer-on-push-component-change-detection': 'error',
      '@angular-eslint/prefer-standalone': 'error',
      '@angular-eslint/component-selector': [
        'error',
        { type: 'element', prefix: 'ccp', style: 'kebab-case' },
      ],
      '@angular-eslint/directive-selector': [
        'error',
        { type: 'attribute', prefix: 'ccp', style: 'camelCase' },
      ],
    },
  },
  {
    files: ['apps/console/**/*.html'],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
  },
  {
    // CLIs and test harnesses talk to people through the terminal.
    files: ['tools/**/*.ts', 'e2e/**/*.ts', '**/*.int-spec.ts', 'libs/server/testing/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  prettier,
);

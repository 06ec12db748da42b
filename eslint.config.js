// ESLint for the whole repository (`npm run lint`): rules that find bugs, and the import rules of
// docs/architecture.md. Style is Prettier's job (prettier.config.js); eslint-config-prettier keeps
// the two from disagreeing.
import js from '@eslint/js'
import tanstackQuery from '@tanstack/eslint-plugin-query'
import prettier from 'eslint-config-prettier'
import boundaries from 'eslint-plugin-boundaries'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'
import { elements, fastifyAdapters, files, noFastify, policies } from './eslint.boundaries.js'

const sources = ['**/*.{js,mjs,cjs,ts,tsx}']

/**
 * The configuration, for a repository rooted at `root` (the folder of this file; tests pass a
 * scratch copy of the layout).
 */
export function courierConfig(root) {
  return tseslint.config(
    {
      ignores: [
        '**/node_modules/',
        '**/dist/',
        '.tsbuild/',
        '.ci-out/',
        '**/test-results/',
        '**/playwright-report/',
        'bench/out/',
        '**/fixtures/',
        'packages/scripts/src/generated/',
        'e2e/screenshots/',
        '.courier-data/',
      ],
    },
    { files: sources, extends: [js.configs.recommended, tseslint.configs.recommended] },
    {
      files: sources,
      linterOptions: { reportUnusedDisableDirectives: 'error' },
      rules: {
        '@typescript-eslint/no-unused-vars': [
          'error',
          {
            argsIgnorePattern: '^_',
            varsIgnorePattern: '^_',
            caughtErrorsIgnorePattern: '^_',
            destructuredArrayIgnorePattern: '^_',
            ignoreRestSiblings: true,
          },
        ],
      },
    },
    // Scripts run by Node (build, bench, CI, configs) and the browser's own JavaScript.
    { files: ['**/*.{js,mjs,cjs}'], languageOptions: { globals: globals.node } },
    { files: ['apps/web/**/*.{js,mjs}'], languageOptions: { globals: { ...globals.browser, ...globals.node } } },
    // Playwright fixtures take their dependencies as a destructured first argument, `{}` when none.
    { files: ['e2e/**'], rules: { 'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }] } },
    // The browser app: hooks and react-query rules.
    {
      files: ['apps/web/src/**/*.{ts,tsx}'],
      extends: [tanstackQuery.configs['flat/recommended']],
      plugins: { 'react-hooks': reactHooks },
      rules: {
        'react-hooks/rules-of-hooks': 'error',
        'react-hooks/exhaustive-deps': 'error',
      },
    },
    // Import rules between the parts.
    {
      files: ['packages/*/src/**', 'apps/*/src/**', 'e2e/**'],
      plugins: { boundaries },
      settings: {
        'boundaries/root-path': root,
        'boundaries/elements': elements,
        'boundaries/files': files,
        'boundaries/include': ['packages/shared/src/**', 'apps/*/src/**', 'e2e/**'],
        // Stylesheets and other assets the bundler imports are no part of the layout.
        'boundaries/ignore': ['**/*.{css,svg,png,json}'],
        'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import'],
        'boundaries/legacy-templates': false,
        'boundaries/legacy-warnings': false,
        'import/resolver': {
          typescript: {
            project: ['packages/shared/tsconfig.json', 'apps/*/tsconfig.json', 'e2e/tsconfig.json'].map(
              (project) => `${root}/${project}`,
            ),
            noWarnOnMultipleProjects: true,
          },
        },
      },
      rules: {
        'boundaries/dependencies': ['error', { default: 'disallow', checkUnknownLocals: true, policies }],
        'boundaries/no-unknown-files': 'error',
      },
    },
    {
      files: noFastify,
      ignores: fastifyAdapters,
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: ['fastify', 'fastify-plugin'].map((name) => ({
              name,
              message:
                'This part knows no HTTP server (it also runs from the CLI and tests): take plain values and return results; Fastify belongs in routes/ or plugins/.',
            })),
          },
        ],
      },
    },
    prettier,
  )
}

export default courierConfig(import.meta.dirname)

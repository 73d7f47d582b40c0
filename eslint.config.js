// One flat config for the whole workspace.
import js from '@eslint/js';
import pluginQuery from '@tanstack/eslint-plugin-query';
import { readdirSync } from 'node:fs';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The web app's source, and its feature folders. */
const WEB = 'apps/web/src';
const FEATURES = readdirSync(`${import.meta.dirname}/${WEB}/features`, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/**
 * The web app's plan (docs/decisions/0009-feature-islands.md): features are islands; routes
 * (app/) compose them; shared code (lib/, components/) knows no feature and not the app.
 */
export const WEB_ZONES = [
  ...FEATURES.map((name) => ({
    target: `./${WEB}/features/${name}`,
    from: `./${WEB}/features`,
    except: [`./${name}`],
    message:
      'A feature never imports another feature: move what both need to lib/, or let a route in app/routes compose them.',
  })),
  {
    target: `./${WEB}/features`,
    from: `./${WEB}/app`,
    message: 'A feature never imports the app: the app composes features.',
  },
  {
    target: [`./${WEB}/lib`, `./${WEB}/components`],
    from: [`./${WEB}/features`, `./${WEB}/app`],
    message: 'Shared code (lib/, components/) imports no feature and not the app.',
  },
];

/**
 * The workspace's floors (docs/decisions/0010-emulator-fixtures.md): packages are below the apps
 * and import none of them; in the emulator, side effects (effects/) sit below the API handlers
 * (api/) that set them off, so the two cannot import each other.
 */
export const WORKSPACE_ZONES = [
  {
    target: './packages',
    from: './apps',
    message:
      'A package never imports an app: move what both need into a package (e.g. packages/emulator-fixtures).',
  },
  {
    target: './apps/emulator/src/effects',
    from: './apps/emulator/src/api',
    message:
      "The emulator's effects never import its API handlers: what both need lives below them (context.ts, store/).",
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'apps/web/dist-*/**',
      'e2e/test-results*/**',
      '**/.tsbuild/**',
      '.data/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, '@tanstack/query': pluginQuery },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...pluginQuery.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@swr-dashboard/swr-client',
              message: 'The browser imports @swr-dashboard/swr-client/browser (no Node modules).',
            },
          ],
        },
      ],
    },
  },
  {
    files: [`${WEB}/**/*.{ts,tsx}`],
    ignores: [`${WEB}/lib/api.ts`, '**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-globals': [
        'error',
        {
          name: 'fetch',
          message:
            "Call the BFF through lib/api.ts (`bff(entry, input)`), from the endpoint's contract entry.",
        },
      ],
    },
  },
  {
    files: [`${WEB}/**/*.{ts,tsx}`],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { zones: WEB_ZONES, basePath: import.meta.dirname },
      ],
      // A dynamic import loads code later (a route, a tab): it cannot make an import cycle.
      'import-x/no-cycle': [
        'error',
        { ignoreExternal: true, allowUnsafeDynamicCyclicDependency: true },
      ],
    },
  },
  {
    files: ['packages/**/*.{ts,tsx}', 'apps/emulator/src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { zones: WORKSPACE_ZONES, basePath: import.meta.dirname },
      ],
    },
  },
  {
    // The BFF's functions read as named steps: a longer one is several steps not yet named.
    files: ['apps/bff/src/**/*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 80 }],
      // A route's method and path are the contract's (`serve(router, mount, entry, …)`).
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.object.name=/^(router|app|api|auth)$/][callee.property.name=/^(get|post|put|patch|delete)$/][arguments.0.type='Literal']",
          message:
            'Register a route from its contract entry: serve(router, mount, entry, …) (apps/bff/src/http/endpoint.ts).',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);

// Lint: typescript-eslint's recommended rules over apps, libs, test and bench.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'dashboards/dist/**', 'coverage/**', '.tmp/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read settings through the app config module (ARCHITECTURE.md principle 9).' }],
    },
  },
  {
    files: ['**/config/**/*.ts', 'scripts/**', 'bench/**', '**/*.spec.ts', '**/*.int-spec.ts', '**/testing/**', 'test/**', '*.js', '*.cjs'],
    // Tests read JSON responses loosely; scripts and config read the environment.
    rules: { 'no-restricted-properties': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', URL: 'readonly', setTimeout: 'readonly' } } },
);

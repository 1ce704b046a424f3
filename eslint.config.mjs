// Lint rules. The one that matters most: only src/vscode may import 'vscode' (DESIGN.md, "Layout");
// core, cli, shared and webview must run without the editor.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export const VSCODE_BOUNDARY = {
  paths: [{ name: 'vscode', message: "Only src/vscode/ may import 'vscode'. Reach the editor through the ports in src/core/ports.ts." }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test/fixtures/**', '.stryker-tmp/**', 'reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', VSCODE_BOUNDARY],
    },
  },
  {
    files: ['src/vscode/**/*.ts', 'test/integration/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', fetch: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

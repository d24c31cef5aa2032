// Lint for the whole repo: ESLint's and typescript-eslint's recommended rules (syntax-only, so
// `npm run lint` stays fast; `npm run typecheck` does the type checking).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// Globals of Node scripts (.mjs) that are not TypeScript-checked. TypeScript files need none:
// the compiler knows them, and typescript-eslint turns no-undef off for them.
const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'fetch', 'setTimeout', 'clearTimeout',
    'setInterval', 'clearInterval', 'setImmediate', 'structuredClone', 'AbortController', 'TextDecoder',
    'TextEncoder', 'performance', 'NodeJS'].map((name) => [name, 'readonly']),
);

export default defineConfig(
  globalIgnores([
    'dist/', 'out/', 'node_modules/', 'artifacts/', 'runs/', '.vscode-test/', '.cache/', 'scratch/',
    // generated or compiled-from-elsewhere code
    '**/*.generated.*', 'src/engine/backend/kernels/assembly/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    rules: {
      // `_unused` marks an argument kept for its position in a signature.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);

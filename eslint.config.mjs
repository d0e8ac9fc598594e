import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // The web pages' own script runs in the browser.
  { files: ['apps/api/src/web/assets/js/**'], languageOptions: { globals: { document: 'readonly' } } },
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
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/no-require-imports': 'off',
      // Another library is reached by its alias (#domain/..., see package.json "imports"), never by
      // climbing out of this one.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\.?/(\\.\\./)*(libs/|[a-z-]+/src(/|$))',
              message: 'Import another library by its alias, e.g. #domain/action/action.decider.',
            },
          ],
        },
      ],
    },
  },
);

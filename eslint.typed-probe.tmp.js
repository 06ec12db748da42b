import tseslint from 'typescript-eslint'
import { courierConfig } from './eslint.config.js'
export default [
  ...courierConfig(import.meta.dirname),
  {
    files: ['apps/*/src/**/*.{ts,tsx}', 'packages/*/src/**/*.ts', 'e2e/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeCheckedOnly],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
].flatMap((c) => (c.extends ? tseslint.config(c) : [c]))

// Bundles the server (and @courier/shared, which ships as TypeScript) into dist/courier.mjs.
// Third-party dependencies stay external: they are installed next to it.
import { build } from 'esbuild'
import { readFileSync } from 'node:fs'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'))
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@courier/'))

await build({
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/courier.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external,
  logLevel: 'warning',
})

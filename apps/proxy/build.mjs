// Bundles the server (and @courier/shared, which ships as TypeScript) into dist/courier.mjs.
// Third-party dependencies stay external: they are installed next to it.
import { build } from 'esbuild'
import { copyFileSync, readFileSync } from 'node:fs'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'))
// QuickJS (through @courier/scripts) loads its WebAssembly file at run time: it is listed in dependencies, so external too.
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
// The sealing worker (secrets/seal-thread.ts) is loaded from beside the bundle.
copyFileSync('src/secrets/seal-worker.mjs', 'dist/seal-worker.mjs')

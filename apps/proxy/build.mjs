// Bundles the server (and @courier/shared, which ships as TypeScript) into dist/courier.mjs (and the chunks it loads on demand).
// Third-party dependencies stay external: they are installed next to it.
import { build } from 'esbuild'
import { copyFileSync, readFileSync } from 'node:fs'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'))
// QuickJS (through @courier/scripts) loads its WebAssembly file at run time: it is listed in dependencies, so external too.
// zod and kysely are bundled: plain ES modules of hundreds of files each (kysely 262, zod 95 at
// start), which Node would resolve, read and compile one by one on every start.
const bundled = new Set(['zod', 'kysely'])
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@courier/') && !bundled.has(name))

await build({
  // Split at the CLI's dynamic imports: `courier --help` and `courier run` load only their own chunks.
  entryPoints: { courier: 'src/cli.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  // Chunks beside courier.mjs: code that finds files by import.meta.url (config, seal-thread) sees dist/ either way.
  chunkNames: 'chunk-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external,
  logLevel: 'warning',
})
// The sealing worker (secrets/seal-thread.ts) and the integrity check's (storage/integrity-check.ts) load from beside the bundle.
copyFileSync('src/secrets/seal-worker.mjs', 'dist/seal-worker.mjs')
copyFileSync('src/storage/integrity-worker.mjs', 'dist/integrity-worker.mjs')

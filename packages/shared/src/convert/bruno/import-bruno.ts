import type { Inheritable } from '../../collection.js'
import type { MultipartPart, RequestBody, RequestSpecInput, Row } from '../../request-spec.js'
import type { Variable } from '../../variables.js'
import { ImportBuilder } from '../import-builder.js'
import { ConvertError, type ImportResult } from '../import-result.js'
import { reportUnknownVariables } from '../unknown-variables.js'
import { isRecord, str } from '../parse-document.js'
import { bru, type BruJson, type BruKeyValue } from './bru-lang.js'
import { assertionFromBruno, authFromBruno, captureFromBruno } from './bruno-mapping.js'

import type { ImportFile } from '../import-files.js'

const SCRIPT_REASON =
  'Bruno scripts use the bru/req/res API, not the pm API Courier runs; the script was kept as text and will not run as-is until rewritten.'

function clean(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/^\/+/, '')
}

/** True when the files look like a Bruno collection: a bruno.json next to .bru files, or .bru files alone. */
export function isBrunoFiles(files: readonly ImportFile[]): boolean {
  return files.some((f) => /(^|\/)bruno\.json$/.test(clean(f.path)) || clean(f.path).endsWith('.bru'))
}

type Parsed = { path: string; dir: string; file: string; json: BruJson }

function parse(file: ImportFile, kind: 'request' | 'collection'): BruJson {
  try {
    return kind === 'collection' ? bru.collectionBruToJson(file.text) : bru.bruToJsonV2(file.text)
  } catch (error) {
    throw new ConvertError(
      'IMPORT_INVALID',
      `${file.path} is not a valid .bru file: ${(error as Error).message.split('\n')[0]}.`,
    )
  }
}

function rows(list: BruKeyValue[] | undefined, where: string, what: string, builder: ImportBuilder): Row[] {
  return (list ?? []).map((r): Row => {
    if (r.description) builder.skip(where, `${what} “${r.name}” description`, 'Courier rows have no description.')
    return [r.name, typeof r.value === 'string' ? r.value : JSON.stringify(r.value), r.enabled !== false]
  })
}

function variables(list: BruKeyValue[] | undefined, where: string, builder: ImportBuilder): Variable[] {
  return (list ?? [])
    .filter((v) => v.name)
    .map((v) => {
      if (v.local)
        builder.skip(
          where,
          `variable “${v.name}” (@local)`,
          'Courier has no request-local variables; it is an ordinary variable here.',
        )
      return {
        name: v.name.slice(0, 200),
        value: typeof v.value === 'string' ? v.value : JSON.stringify(v.value ?? ''),
        enabled: v.enabled !== false,
        secret: v.secret === true,
      }
    })
}

function body(json: BruJson, where: string, builder: ImportBuilder): RequestBody {
  const mode = json.http?.body ?? 'none'
  const b = json.body ?? {}
  for (const key of Object.keys(b))
    if (key !== mode && !(mode === 'graphql' && key === 'graphql'))
      builder.skip(
        where,
        `inactive body:${key} block`,
        `Bruno keeps it but sends the ${mode} body; Courier keeps only the body that is sent.`,
      )
  const text = (key: string) => str(b[key])
  switch (mode) {
    case 'none':
      return { kind: 'none' }
    case 'json':
      return { kind: 'json', text: text('json') }
    case 'text':
      return { kind: 'raw', text: text('text'), contentType: 'text/plain' }
    case 'xml':
      return { kind: 'raw', text: text('xml'), contentType: 'application/xml' }
    case 'sparql':
      return { kind: 'raw', text: text('sparql'), contentType: 'application/sparql-query' }
    case 'formUrlEncoded':
      return { kind: 'form', fields: rows(b.formUrlEncoded as BruKeyValue[], where, 'form field', builder) }
    case 'multipartForm': {
      const parts = ((b.multipartForm as BruKeyValue[] | undefined) ?? []).map((p): MultipartPart => {
        const contentType = p.contentType ? { contentType: p.contentType } : {}
        if (p.type === 'file') {
          const paths = Array.isArray(p.value) ? p.value.map(String) : [str(p.value)]
          builder.skip(
            where,
            `file part “${p.name}”`,
            `It names ${paths.join(', ')} on the exporting machine; Courier never reads paths from an import, choose the file again in the Body tab.`,
          )
          return { kind: 'file', name: p.name, enabled: p.enabled !== false, file: null, headers: [], ...contentType }
        }
        return {
          kind: 'text',
          name: p.name,
          value: str(p.value),
          enabled: p.enabled !== false,
          headers: [],
          ...contentType,
        }
      })
      return { kind: 'multipart', parts }
    }
    case 'graphql': {
      const g = isRecord(b.graphql) ? b.graphql : {}
      // Bruno always sends `variables`, `{}` when none are written.
      return { kind: 'graphql', query: str(g.query), variables: str(g.variables).trim() ? str(g.variables) : '{}' }
    }
    case 'file': {
      builder.skip(
        where,
        'file body',
        'It names a file on the exporting machine; choose the file again in the Body tab.',
      )
      return { kind: 'binary', file: null }
    }
    default:
      builder.skip(where, `body mode “${mode}”`, 'Courier has no such body; the request was imported without a body.')
      return { kind: 'none' }
  }
}

/** Bruno's inheritable parts (collection.bru, folder.bru): headers, auth, vars, scripts, docs. */
function inheritable(json: BruJson, where: string, builder: ImportBuilder, top: boolean): Partial<Inheritable> {
  const mode = json.auth?.mode
  const mapped = authFromBruno(mode ?? (top ? 'none' : 'inherit'), json.auth)
  if ('unsupported' in mapped)
    builder.skip(where, `auth mode “${mapped.unsupported}”`, 'Courier cannot sign requests this way; it was left out.')
  scriptsReport(json, where, builder)
  if (json.vars?.res?.length)
    builder.skip(
      where,
      `${json.vars.res.length} post-response variable(s)`,
      'Courier captures responses per request, not per folder; they were left out.',
    )
  if (isRecord(json.request))
    builder.skip(where, 'request defaults block', 'Courier has no such block; it was left out.')
  const auth = 'auth' in mapped ? mapped.auth : { type: top ? ('none' as const) : ('inherit' as const) }
  return {
    description: str(json.docs),
    auth: top && auth.type === 'inherit' ? { type: 'none' } : auth,
    headers: rows(json.headers, where, 'header', builder),
    variables: variables(json.vars?.req, where, builder),
    scripts: { preRequest: str(json.script?.req), test: joinScripts(json.script?.res, json.tests) },
  }
}

function joinScripts(postResponse: string | undefined, tests: string | undefined): string {
  return [postResponse, tests].filter((s) => s && s.trim()).join('\n\n')
}

function scriptsReport(json: BruJson, where: string, builder: ImportBuilder): void {
  if (str(json.script?.req).trim()) builder.skip(where, 'pre-request script', SCRIPT_REASON)
  if (str(json.script?.res).trim() || str(json.tests).trim())
    builder.skip(
      where,
      'post-response script and tests',
      `${SCRIPT_REASON} Post-response script and tests are joined into the test script.`,
    )
}

function request(json: BruJson, where: string, builder: ImportBuilder): RequestSpecInput | null {
  const type = str(json.meta?.type, 'http')
  if (type !== 'http' && type !== 'graphql') {
    builder.skip(where, `${type} request`, 'Courier imports HTTP and GraphQL requests only.')
    return null
  }
  const mapped = authFromBruno(json.http?.auth ?? 'none', json.auth)
  for (const key of Object.keys(json.auth ?? {}))
    if (key !== 'mode' && key !== json.http?.auth)
      builder.skip(
        where,
        `inactive auth:${key} block`,
        `Bruno keeps it but signs with ${json.http?.auth ?? 'none'}; Courier keeps only the auth in use.`,
      )
  if ('unsupported' in mapped)
    builder.skip(
      where,
      `auth mode “${mapped.unsupported}”`,
      'Courier cannot sign requests this way; the request was imported without auth.',
    )
  const params = json.params ?? []
  const assertions = (json.assertions ?? []).flatMap((row) => {
    const a = assertionFromBruno(row)
    if (!a)
      builder.skip(where, `assertion “${row.name}: ${str(row.value)}”`, 'Courier has no matching no-code check for it.')
    return a ? [a] : []
  })
  const captures = (json.vars?.res ?? []).flatMap((row) => {
    const c = captureFromBruno(row)
    if (!c)
      builder.skip(
        where,
        `post-response variable “${row.name}”`,
        'Only res.status, res.headers.x and res.body paths become captures.',
      )
    return c ? [c] : []
  })
  if (json.vars?.req?.length)
    builder.skip(
      where,
      `${json.vars.req.length} pre-request variable(s)`,
      'Courier requests have no variables of their own; set them on the folder or collection.',
    )
  if (str(json.docs).trim()) builder.skip(where, 'docs', 'Courier requests have no description; it was left out.')
  if (json.examples?.length)
    builder.skip(where, `${json.examples.length} example(s)`, 'Bruno examples are not carried.')
  if (Array.isArray(json.meta?.tags) && json.meta.tags.length)
    builder.skip(where, 'tags', 'Courier requests have no tags.')
  scriptsReport(json, where, builder)
  const s = json.settings ?? {}
  if (s.encodeUrl === true)
    builder.skip(where, 'setting encodeUrl', 'Courier sends the URL as typed, encoding only what must be.')
  const timeout = typeof s.timeout === 'number' && s.timeout > 0 ? Math.min(300_000, s.timeout) : undefined
  return {
    method: str(json.http?.method, 'get').toUpperCase(),
    url: str(json.http?.url),
    params: rows(
      params.filter((p) => p.type !== 'path'),
      where,
      'query parameter',
      builder,
    ),
    pathParams: params.filter((p) => p.type === 'path').map((p) => [p.name, str(p.value)] as [string, string]),
    headers: rows(json.headers, where, 'header', builder),
    body: body(json, where, builder),
    auth: 'auth' in mapped ? mapped.auth : { type: 'none' },
    settings: {
      ...(typeof s.followRedirects === 'boolean' ? { followRedirects: s.followRedirects } : {}),
      ...(typeof s.maxRedirects === 'number' ? { maxRedirects: Math.min(50, s.maxRedirects) } : {}),
      ...(timeout ? { timeoutMs: timeout } : {}),
    },
    scripts: { preRequest: str(json.script?.req), test: joinScripts(json.script?.res, json.tests) },
    assertions,
    captures,
  }
}

/**
 * A Bruno collection (its folder or zip, as files): bruno.json names it, collection.bru and each
 * folder.bru carry what requests inherit, every other .bru file is a request ordered by `meta.seq`,
 * environments/*.bru become environments. Nothing on disk is read: file bodies import empty.
 */
export function importBrunoFiles(files: readonly ImportFile[], builder: ImportBuilder): void {
  const all = files.map((f) => ({ ...f, path: clean(f.path) }))
  const configs = all.filter((f) => /(^|\/)bruno\.json$/.test(f.path)).sort((a, b) => a.path.length - b.path.length)
  const root = configs[0] ? configs[0].path.replace(/bruno\.json$/, '') : ''
  let config: Record<string, unknown> = {}
  if (configs[0]) {
    try {
      const parsed: unknown = JSON.parse(configs[0].text)
      if (isRecord(parsed)) config = parsed
    } catch {
      throw new ConvertError('IMPORT_INVALID', 'bruno.json is not valid JSON.')
    }
  }
  const inside = all.filter((f) => f.path.startsWith(root)).map((f) => ({ ...f, path: f.path.slice(root.length) }))
  const rootName = root.replace(/\/$/, '').split('/').pop()
  const name = str(config.name) || rootName || 'Bruno collection'
  const collectionFile = inside.find((f) => f.path === 'collection.bru')
  const collectionJson = collectionFile ? parse(collectionFile, 'collection') : {}
  const tree = builder.collection(name, inheritable(collectionJson, name, builder, true))
  if (!configs[0])
    builder.skip(name, 'bruno.json', 'The upload has no bruno.json; the collection is named after its folder.')
  for (const key of ['scripts', 'proxy', 'clientCertificates', 'presets'])
    if (config[key] !== undefined)
      builder.skip(name, `bruno.json “${key}”`, 'Courier has its own settings for this; it was left out.')

  const parsed: Parsed[] = []
  const folders = new Map<string, BruJson>()
  for (const f of inside) {
    if (f.path === 'bruno.json' || f.path === 'collection.bru') continue
    if (/^environments\/[^/]+\.bru$/.test(f.path)) {
      const env = (() => {
        try {
          return bru.bruToEnvJsonV2(f.text)
        } catch (error) {
          throw new ConvertError(
            'IMPORT_INVALID',
            `${f.path} is not a valid Bruno environment: ${(error as Error).message.split('\n')[0]}.`,
          )
        }
      })()
      const envName = f.path.slice('environments/'.length, -'.bru'.length)
      const vars = variables(env.variables, envName, builder)
      const secrets = vars.filter((v) => v.secret).length
      if (secrets)
        builder.skip(
          envName,
          `${secrets} secret variable value(s)`,
          'Bruno keeps secret values on the machine, not in the file; fill them in after import.',
        )
      builder.environment(envName, vars)
      continue
    }
    if (!f.path.endsWith('.bru')) {
      builder.skip(
        name,
        `file ${f.path}`,
        f.path.endsWith('.env')
          ? 'Courier does not read .env files (process.env values); set them as variables.'
          : 'Only .bru files and bruno.json are read.',
      )
      continue
    }
    const slash = f.path.lastIndexOf('/')
    const dir = slash === -1 ? '' : f.path.slice(0, slash)
    const file = f.path.slice(slash + 1)
    if (file === 'folder.bru') folders.set(dir, parse(f, 'collection'))
    else parsed.push({ path: f.path, dir, file, json: parse(f, 'request') })
  }

  // Every folder that holds something, with its parents.
  const dirs = new Set<string>()
  for (const d of [...parsed.map((p) => p.dir), ...folders.keys()])
    for (let cur = d; cur; cur = cur.includes('/') ? cur.slice(0, cur.lastIndexOf('/')) : '') dirs.add(cur)
  const seq = (meta: Record<string, unknown> | undefined) => {
    const n = Number(meta?.seq)
    return Number.isFinite(n) ? n : Number.MAX_SAFE_INTEGER
  }
  type Entry =
    | { kind: 'folder'; dir: string; seq: number; name: string }
    | { kind: 'request'; item: Parsed; seq: number; name: string }
  const children = (dir: string): Entry[] => {
    const subdirs = [...dirs].filter((d) =>
      dir ? d.startsWith(`${dir}/`) && !d.slice(dir.length + 1).includes('/') : !d.includes('/'),
    )
    const entries: Entry[] = [
      ...subdirs.map((d): Entry => {
        const meta = folders.get(d)?.meta
        return { kind: 'folder', dir: d, seq: seq(meta), name: str(meta?.name) || d.split('/').pop()! }
      }),
      ...parsed
        .filter((p) => p.dir === dir)
        .map((p): Entry => ({
          kind: 'request',
          item: p,
          seq: seq(p.json.meta),
          name: str(p.json.meta?.name) || p.file.replace(/\.bru$/, ''),
        })),
    ]
    return entries.sort((a, b) => a.seq - b.seq || a.name.localeCompare(b.name))
  }
  const walk = (dir: string, parentId: string | null, path: string) => {
    for (const entry of children(dir)) {
      const where = `${path} › ${entry.name}`
      if (entry.kind === 'folder') {
        const id = builder.folder(tree, parentId, {
          name: entry.name,
          ...inheritable(folders.get(entry.dir) ?? {}, where, builder, false),
        })
        walk(entry.dir, id, where)
      } else {
        const spec = request(entry.item.json, where, builder)
        if (spec) builder.request(tree, parentId, entry.name, spec, where)
      }
    }
  }
  walk('', null, name)
}

/** A Bruno collection's files as an ImportResult, with the unknown-variable report every import gets. */
export function importBruno(files: readonly ImportFile[]): ImportResult {
  const builder = new ImportBuilder('bruno', 'Bruno collection')
  importBrunoFiles(files, builder)
  reportUnknownVariables(builder)
  return builder.result()
}

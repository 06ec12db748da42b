import type { CollectionItem, CollectionTree, Inheritable } from '../../collection.js'
import type { Environment } from '../../environment.js'
import type { RequestBody, RequestSpec, Row } from '../../request-spec.js'
import type { Variable } from '../../variables.js'
import { maskAuth, maskSpec, maskVariables, SecretTally } from '../mask-secrets.js'
import { bru, type BruJson, type BruKeyValue } from './bru-lang.js'
import type { ImportFile } from '../import-files.js'
import { assertionToBruno, authToBruno, captureToBruno } from './bruno-mapping.js'

export type BrunoExport = { files: ImportFile[]; notes: string[] }

/** A file or folder name Bruno and every OS accept, unique among its siblings. */
function fileName(name: string, taken: Set<string>): string {
  const base =
    name
      // eslint-disable-next-line no-control-regex
      .replace(/[<>:"/\\|?*\u0000-\u001f]+/g, '-')
      .replace(/^[.\s]+|[.\s]+$/g, '')
      .slice(0, 100) || 'item'
  let candidate = base
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base} (${n})`
  taken.add(candidate.toLowerCase())
  return candidate
}

const kv = (rows: readonly Row[]): BruKeyValue[] => rows.map(([name, value, enabled]) => ({ name, value, enabled }))
const vars = (list: readonly Variable[]): BruKeyValue[] =>
  list.map((v) => ({ name: v.name, value: v.value, enabled: v.enabled, local: false }))

function bodyToBruno(body: RequestBody, notes: Set<string>): { mode: string; block: Record<string, unknown> } {
  switch (body.kind) {
    case 'none':
      return { mode: 'none', block: {} }
    case 'json':
      return { mode: 'json', block: { json: body.text } }
    case 'raw':
      if (/xml/i.test(body.contentType)) return { mode: 'xml', block: { xml: body.text } }
      if (/sparql/i.test(body.contentType)) return { mode: 'sparql', block: { sparql: body.text } }
      if (!/^text\/plain\b/i.test(body.contentType))
        notes.add(
          `A raw body of type ${body.contentType} became Bruno's text body; add a Content-Type header in Bruno if the server needs it.`,
        )
      return { mode: 'text', block: { text: body.text } }
    case 'form':
      return { mode: 'formUrlEncoded', block: { formUrlEncoded: kv(body.fields) } }
    case 'multipart':
      return {
        mode: 'multipartForm',
        block: {
          multipartForm: body.parts.map((p) => {
            if (p.kind === 'file') {
              notes.add(
                'File parts were written without their file (Bruno refers to files on disk); choose them in Bruno.',
              )
              return { name: p.name, value: [], enabled: p.enabled, type: 'file', contentType: p.contentType ?? '' }
            }
            if (p.filename) notes.add('Text parts sent as files (a file name on a text part) became plain text parts.')
            return { name: p.name, value: p.value, enabled: p.enabled, type: 'text', contentType: p.contentType ?? '' }
          }),
        },
      }
    case 'binary':
      notes.add('A binary body was written without its file; choose it in Bruno.')
      return { mode: 'file', block: { file: [] } }
    case 'graphql':
      if (body.operationName) notes.add('GraphQL operation names are not in Bruno’s format and were left out.')
      return { mode: 'graphql', block: { graphql: { query: body.query, variables: body.variables } } }
  }
}

function inheritableJson(node: Inheritable, tally: SecretTally, includeSecrets: boolean): BruJson {
  const { mode, blocks } = authToBruno(includeSecrets ? node.auth : maskAuth(node.auth, tally))
  return {
    headers: kv(node.headers),
    auth: { mode, ...blocks },
    vars: { req: vars(includeSecrets ? node.variables : maskVariables(node.variables, tally)), res: [] },
    script: { req: node.scripts.preRequest, res: '' },
    tests: node.scripts.test,
    docs: node.description,
  }
}

function requestJson(
  item: Extract<CollectionItem, { kind: 'request' }>,
  seq: number,
  spec: RequestSpec,
  notes: Set<string>,
): BruJson {
  const { mode: bodyMode, block } = bodyToBruno(spec.body, notes)
  const { mode: authMode, blocks } = authToBruno(spec.auth)
  const s = spec.settings
  const headers = kv(spec.headers)
  if (spec.cookies.trim()) {
    headers.push({ name: 'Cookie', value: spec.cookies.trim(), enabled: true })
    notes.add('A request’s own cookie line became a Cookie header (Bruno has no per-request cookies).')
  }
  const kept = new Set(['timeoutMs', 'followRedirects', 'maxRedirects'])
  const lost = Object.keys(s).filter((k) => !kept.has(k) && s[k as keyof typeof s] !== undefined)
  if (lost.length)
    notes.add(`Request settings Bruno has no place for were left out: ${[...new Set(lost)].sort().join(', ')}.`)
  const assertions = spec.assertions.flatMap((a) => {
    const row = assertionToBruno(a)
    if (!row) notes.add(`Checks Bruno cannot express (${a.source} ${a.operator}) were left out.`)
    return row ? [row] : []
  })
  const captures = spec.captures.map(captureToBruno)
  if (spec.captures.some((c) => c.scope === 'global'))
    notes.add('Captures into globals became Bruno post-response variables (runtime variables).')
  if (spec.examples.length) notes.add('Saved examples were left out (Courier’s examples are not written to .bru).')
  return {
    meta: { name: item.name, type: spec.body.kind === 'graphql' ? 'graphql' : 'http', seq },
    http: { method: spec.method.toLowerCase(), url: spec.url, body: bodyMode, auth: authMode },
    params: [
      ...spec.params.map(([name, value, enabled]) => ({ name, value, enabled, type: 'query' })),
      ...spec.pathParams.map(([name, value]) => ({ name, value, enabled: true, type: 'path' })),
    ],
    headers,
    auth: blocks,
    body: block,
    script: { req: spec.scripts.preRequest, res: '' },
    vars: { req: [], res: captures },
    assertions,
    tests: spec.scripts.test,
    docs: '',
    settings: {
      encodeUrl: false,
      ...(s.timeoutMs !== undefined ? { timeout: s.timeoutMs } : {}),
      ...(s.followRedirects !== undefined ? { followRedirects: s.followRedirects } : {}),
      ...(s.maxRedirects !== undefined ? { maxRedirects: s.maxRedirects } : {}),
    },
  }
}

/**
 * A collection as a Bruno collection folder: bruno.json, collection.bru, a folder.bru per folder and a
 * .bru file per request (`meta.seq` keeps the order), written by Bruno's own writer. Secrets are left
 * out unless asked for; the route zips the files.
 */
export function exportBruno(
  tree: CollectionTree,
  options: { includeSecrets?: boolean; environments?: readonly Pick<Environment, 'name' | 'variables'>[] } = {},
): BrunoExport {
  const includeSecrets = options.includeSecrets === true
  const tally = new SecretTally()
  const notes = new Set<string>()
  const root = fileName(tree.name, new Set())
  const files: ImportFile[] = [
    {
      path: `${root}/bruno.json`,
      text: `${JSON.stringify({ version: '1', name: tree.name, type: 'collection', ignore: ['node_modules', '.git'] }, null, 2)}\n`,
    },
    { path: `${root}/collection.bru`, text: bru.jsonToCollectionBru(inheritableJson(tree, tally, includeSecrets)) },
  ]
  const byParent = new Map<string | null, CollectionItem[]>()
  for (const item of tree.items) byParent.set(item.parentId, [...(byParent.get(item.parentId) ?? []), item])
  const walk = (parentId: string | null, dir: string) => {
    const taken = new Set<string>(['folder', 'collection', 'environments'])
    const items = [...(byParent.get(parentId) ?? [])].sort((a, b) => a.position - b.position)
    items.forEach((item, index) => {
      const name = fileName(item.name, taken)
      if (item.kind === 'folder') {
        const json = { ...inheritableJson(item, tally, includeSecrets), meta: { name: item.name, seq: index + 1 } }
        files.push({ path: `${dir}/${name}/folder.bru`, text: bru.jsonToCollectionBru(json) })
        walk(item.id, `${dir}/${name}`)
      } else {
        const spec = includeSecrets ? item.request : maskSpec(item.request, tally)
        files.push({ path: `${dir}/${name}.bru`, text: bru.jsonToBruV2(requestJson(item, index + 1, spec, notes)) })
      }
    })
  }
  walk(null, root)
  const envNames = new Set<string>()
  for (const environment of options.environments ?? []) {
    const file = exportBrunoEnvironment(environment, envNames)
    files.push({ ...file, path: `${root}/${file.path}` })
  }
  if (options.environments?.some((e) => e.variables.some((v) => v.secret && v.value)))
    notes.add(
      'Secret environment variables are listed under vars:secret without their values, as Bruno keeps them; fill them in Bruno.',
    )
  const scripts = [tree.scripts, ...tree.items.map((i) => (i.kind === 'request' ? i.request.scripts : i.scripts))]
  const scripted = scripts.some((x) => x.preRequest.trim() || x.test.trim())
  if (scripted)
    notes.add(
      'Scripts were written as they are: Bruno runs its own bru/req/res API, not pm.*, so rewrite them in Bruno before running.',
    )
  return { files, notes: [...notes, ...tally.note()] }
}

/** An environment as `environments/<name>.bru`; secret variables are listed in `vars:secret` without values, as Bruno keeps them. */
export function exportBrunoEnvironment(
  environment: Pick<Environment, 'name' | 'variables'>,
  taken = new Set<string>(),
): ImportFile {
  return {
    path: `environments/${fileName(environment.name, taken)}.bru`,
    text: bru.envJsonToBruV2({
      variables: environment.variables.map((v) => ({
        name: v.name,
        value: v.secret ? '' : v.value,
        enabled: v.enabled,
        secret: v.secret,
      })),
    }),
  }
}

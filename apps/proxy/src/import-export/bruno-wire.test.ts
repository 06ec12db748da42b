import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  applyInheritance,
  resolveSpec,
  scopesFor,
  type CollectionItem,
  type CollectionTree,
  type InheritLevel,
} from '@courier/shared'
import { brunoLang, importBruno, type BruJson } from '@courier/shared/convert'
import { describe, expect, it } from 'vitest'
import { engineSend } from '../test/engine-send.js'
import { startUpstream } from '../test/upstream.js'
import { wireDifferences, type ExpectedSend } from '../test/wire-compare.js'

// usebruno/bruno's own test collection (packages/shared/src/convert/bruno/fixtures/README.md).
// What Bruno sends is read from each .bru file the way Bruno's CLI prepares a request
// (packages/bruno-cli/src/runner/prepare-request.js: headers from collection, folder and request,
// auth by mode, a Content-Type per body mode); Courier imports the folder, its engine sends every
// request to a local server, and the two are compared. Neither side runs Bruno's scripts: values a
// script would set (bru.setVar) stay `{{name}}` on both, which the comparison sees as agreement.
const ROOT = fileURLToPath(
  new URL('../../../../packages/shared/src/convert/bruno/fixtures/collection/', import.meta.url),
)
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]))
const FILES = walk(ROOT).map((p) => ({ path: `collection/${relative(ROOT, p)}`, text: readFileSync(p, 'utf8') }))

/** Bruno's `{{name}}` interpolation over a flat map; unknown names stay as written. */
const interpolate = (text: string, vars: Record<string, string>) =>
  text.replace(/\{\{([^{}]+)\}\}/g, (whole, name: string) => vars[name.trim()] ?? whole)

/** Strips // and /* comments outside strings, as Bruno's `decomment` does before sending JSON. */
function decomment(text: string): string {
  return text.replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[^]*?\*\//g, (m, str: string | undefined) => str ?? '')
}

function expectedFrom(json: BruJson, chain: BruJson[], vars: Record<string, string>): ExpectedSend {
  const t = (s: unknown) => interpolate(String(s ?? ''), vars)
  let rawUrl = t(json.http?.url)
  for (const p of json.params ?? []) if (p.type === 'path') rawUrl = rawUrl.replace(`:${p.name}`, t(p.value))
  const url = new URL(rawUrl)
  const headers = new Map<string, [string, string]>()
  for (const level of [...chain, json])
    for (const h of level.headers ?? [])
      if (h.enabled !== false) headers.set(h.name.toLowerCase(), [h.name, t(h.value)])
  let mode = json.http?.auth ?? 'none'
  let authBlocks = json.auth ?? {}
  if (mode === 'inherit') {
    const from = [...chain].reverse().find((level) => level.auth?.mode && level.auth.mode !== 'inherit')
    mode = from?.auth?.mode ?? 'none'
    authBlocks = from?.auth ?? {}
  }
  const block = (authBlocks[mode] ?? {}) as Record<string, string>
  if (mode === 'basic')
    headers.set('authorization', [
      'Authorization',
      `Basic ${Buffer.from(`${t(block.username)}:${t(block.password)}`).toString('base64')}`,
    ])
  if (mode === 'bearer') headers.set('authorization', ['Authorization', `Bearer ${t(block.token)}`])
  const b = json.body ?? {}
  const own = [...headers.keys()].includes('content-type')
  const out: ExpectedSend = {
    method: String(json.http?.method).toUpperCase(),
    path: url.pathname,
    query: [...url.searchParams.entries()] as [string, string][],
    headers: [...headers.values()],
  }
  switch (json.http?.body) {
    case 'json':
      if (String(b.json ?? '').length)
        Object.assign(out, {
          body: { kind: 'text', text: decomment(t(b.json)) },
          ...(own ? {} : { mediaType: 'application/json' }),
        })
      break
    case 'text':
    case 'xml':
      Object.assign(out, {
        body: { kind: 'text', text: t(b[json.http.body]) },
        ...(own ? {} : { mediaType: json.http.body === 'text' ? 'text/plain' : 'application/xml' }),
      })
      break
    case 'formUrlEncoded':
      out.body = {
        kind: 'form',
        fields: ((b.formUrlEncoded ?? []) as { name: string; value: string; enabled: boolean }[])
          .filter((f) => f.enabled)
          .map((f) => [f.name, t(f.value)]),
      }
      out.mediaType = 'application/x-www-form-urlencoded'
      break
    case 'multipartForm':
      out.body = {
        kind: 'multipart',
        parts: ((b.multipartForm ?? []) as { name: string; value: string; enabled: boolean; contentType?: string }[])
          .filter((p) => p.enabled)
          .map((p) => ({ name: p.name, value: t(p.value), ...(p.contentType ? { contentType: p.contentType } : {}) })),
      }
      out.mediaType = 'multipart/form-data'
      break
    case 'graphql': {
      const g = (b.graphql ?? {}) as { query?: string; variables?: string }
      out.body = {
        kind: 'text',
        text: JSON.stringify({ query: g.query, variables: JSON.parse(decomment(g.variables || '{}')) }),
      }
      out.mediaType = 'application/json'
      break
    }
  }
  return out
}

/** Where Courier's send differs from Bruno's, and why. The test fails when one starts to agree or another differs. */
const KNOWN_DIFFERENCES: Record<string, string> = {
  'echo/echo multipart.bru':
    'Its values come from bru.setVar in its pre-request script, which Courier keeps as text and does not run; and its file part names bruno.png, which Courier never reads.',
  'auth/digest/Digest Auth 200.bru':
    'Its URL is a fixed public host (https://www.httpfaker.org), not a variable: the test sends only to the local server, so it is not sent.',
}

describe('Bruno test collection on the wire', () => {
  it('every request sends what Bruno would, but for the known differences', async () => {
    const upstream = await startUpstream((_, response) => response.end('ok'))
    const origin = upstream.url('').replace(/\/$/, '')
    const result = importBruno(FILES)
    const tree = result.collections[0] as CollectionTree
    const local = result.environments.find((e) => e.name === 'Local')!
    // Every host variable points at the local server, on Bruno's side and on Courier's.
    const hosts = new Set(['host', 'localhost', 'httpfaker', 'echo-host'])
    const environment = {
      name: 'Local',
      variables: local.variables.map((v) => (hosts.has(v.name) ? { ...v, value: origin } : v)),
    }
    const vars: Record<string, string> = Object.fromEntries([
      ...tree.variables.map((v) => [v.name, v.value]),
      ...environment.variables.map((v) => [v.name, v.value]),
    ])
    const collectionJson = brunoLang.collectionBruToJson(
      FILES.find((f) => f.path === 'collection/collection.bru')!.text,
    )
    const byId = new Map(tree.items.map((i) => [i.id, i]))
    const chainOf = (item: CollectionItem): InheritLevel[] => {
      const levels: InheritLevel[] = []
      for (let id = item.parentId; id; id = byId.get(id)!.parentId) {
        const f = byId.get(id)!
        if (f.kind === 'folder')
          levels.unshift({ kind: 'folder', name: f.name, auth: f.auth, headers: f.headers, variables: f.variables })
      }
      return [
        { kind: 'collection', name: tree.name, auth: tree.auth, headers: tree.headers, variables: tree.variables },
        ...levels,
      ]
    }
    const pathOf = (item: CollectionItem): string => {
      const names: string[] = []
      for (let id = item.parentId; id; id = byId.get(id)!.parentId) names.unshift(byId.get(id)!.name)
      return names.join('/')
    }

    const agree: string[] = []
    const differ: Record<string, string[]> = {}
    const requests = FILES.filter(
      (f) => f.path.endsWith('.bru') && !/(folder|collection)\.bru$/.test(f.path) && !f.path.includes('/environments/'),
    )
    for (const file of requests) {
      const key = file.path.slice('collection/'.length)
      const json = brunoLang.bruToJsonV2(file.text)
      const dir = key.includes('/') ? key.slice(0, key.lastIndexOf('/')) : ''
      const folderChain: BruJson[] = []
      for (let d = dir; d; d = d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : '') {
        const folder = FILES.find((f) => f.path === `collection/${d}/folder.bru`)
        if (folder) folderChain.unshift(brunoLang.collectionBruToJson(folder.text))
      }
      const item = tree.items.find(
        (i) =>
          i.kind === 'request' &&
          i.name === json.meta?.name &&
          pathOf(i) ===
            dir
              .split('/')
              .map((d) => d)
              .join('/'),
      )
      if (!item || item.kind !== 'request') throw new Error(`${key}: not imported`)
      const chain = chainOf(item)
      const spec = resolveSpec(applyInheritance(item.request, chain), scopesFor(environment, chain, [])).spec
      const before = upstream.received.length
      const error = await engineSend(spec).then(
        () => null,
        (e: Error) => e.message,
      )
      const problems =
        error !== null || upstream.received.length === before
          ? [`not sent: ${error}`]
          : wireDifferences(expectedFrom(json, [collectionJson, ...folderChain], vars), upstream.received.at(-1)!)
      if (problems.length) differ[key] = problems
      else agree.push(key)
    }
    console.info(`Bruno wire: ${agree.length} of ${requests.length} requests send what Bruno would.`, differ)
    expect(Object.keys(differ).sort()).toEqual(Object.keys(KNOWN_DIFFERENCES).sort())
    expect(agree.length).toBe(requests.length - Object.keys(KNOWN_DIFFERENCES).length)
  })
})

import { describe, expect, it } from 'vitest'
import type { CollectionItem } from '../../collection.js'
import { exportPostman } from './export-postman.js'
import { importPostmanText } from './import-postman-text.js'

const SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json'

const get = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  request: { method: 'GET', url: 'http://localhost:1/x', body: { mode: 'raw', raw: '{"a":1}' } },
  ...extra,
})

function requests(doc: unknown, options = {}) {
  const result = importPostmanText(JSON.stringify(doc), options)
  const byName = new Map(
    result.collections[0]!.items.flatMap((i: CollectionItem) => (i.kind === 'request' ? [[i.name, i.request]] : [])),
  )
  return { result, byName, skipped: result.report.skipped.map((s) => `${s.where} | ${s.what} | ${s.reason}`) }
}

describe('protocolProfileBehavior comes in as request settings', () => {
  it('resolves collection → folder → request, the innermost key winning, into Courier’s settings', () => {
    const { byName } = requests({
      info: { name: 'PPB', schema: SCHEMA },
      protocolProfileBehavior: { followRedirects: false, maxRedirects: 10, strictSSL: false },
      item: [
        {
          name: 'Folder',
          protocolProfileBehavior: { followRedirects: true, followOriginalHttpMethod: true },
          item: [
            get('inherits'),
            get('own', {
              protocolProfileBehavior: { maxRedirects: 3, disableBodyPruning: true, disableCookies: true },
            }),
          ],
        },
        get('top', { protocolProfileBehavior: { removeRefererHeaderOnRedirect: true } }),
      ],
    })
    expect(byName.get('inherits')!.settings).toEqual({
      followRedirects: true,
      maxRedirects: 10,
      verifyTls: false,
      pruneBody: true,
      redirectMethod: 'original',
      refererOnRedirect: true,
    })
    expect(byName.get('own')!.settings).toEqual({
      followRedirects: true,
      maxRedirects: 3,
      verifyTls: false,
      useCookieJar: false,
      redirectMethod: 'original',
      refererOnRedirect: true,
    })
    expect(byName.get('top')!.settings).toEqual({
      followRedirects: false,
      maxRedirects: 10,
      verifyTls: false,
      pruneBody: true,
    })
  })

  it('says pruneBody only where a body-less method has a body, and imports an empty raw body as none', () => {
    const { byName } = requests({
      info: { name: 'Bodies', schema: SCHEMA },
      item: [
        { name: 'post', request: { method: 'POST', url: 'http://h/', body: { mode: 'raw', raw: 'x' } } },
        { name: 'empty get', request: { method: 'GET', url: 'http://h/', body: { mode: 'raw', raw: '' } } },
        { name: 'head', request: { method: 'HEAD', url: 'http://h/', body: { mode: 'raw', raw: 'x' } } },
      ],
    })
    expect(byName.get('post')!.settings.pruneBody).toBeUndefined()
    expect(byName.get('empty get')!.body).toEqual({ kind: 'none' })
    expect(byName.get('empty get')!.settings.pruneBody).toBeUndefined()
    expect(byName.get('head')!.settings.pruneBody).toBe(true)
  })

  it('names, where they are written, the keys Courier cannot do', () => {
    const { skipped } = requests({
      info: { name: 'C', schema: SCHEMA },
      protocolProfileBehavior: { insecureHTTPParser: true, tlsDisabledProtocols: ['TLSv1'] },
      item: [
        {
          name: 'F',
          protocolProfileBehavior: { disableUrlEncoding: true, followAuthorizationHeader: false },
          item: [get('r', { protocolProfileBehavior: { followAuthorizationHeader: true, somethingNew: 1 } })],
        },
      ],
    })
    expect(skipped).toEqual([
      expect.stringMatching(/^C \| protocolProfileBehavior\.insecureHTTPParser \| .*lenient/),
      expect.stringMatching(/^C \| protocolProfileBehavior\.tlsDisabledProtocols \| /),
      expect.stringMatching(/^C › F \| protocolProfileBehavior\.disableUrlEncoding \| /),
      expect.stringMatching(/^C › F › r \| protocolProfileBehavior\.followAuthorizationHeader \| .*another origin/),
      expect.stringMatching(/^C › F › r \| protocolProfileBehavior\.somethingNew \| .*does not know/),
    ])
  })

  it('turns disabledSystemHeaders into disabled rows for the defaults Courier sends, and reports the framing ones', () => {
    const { byName, skipped } = requests({
      info: { name: 'C', schema: SCHEMA },
      item: [
        get('r', {
          protocolProfileBehavior: {
            disabledSystemHeaders: { 'user-agent': true, accept: false, 'postman-token': true, connection: true },
          },
        }),
      ],
    })
    expect(byName.get('r')!.headers).toEqual([['User-Agent', '', false]])
    expect(skipped).toEqual([expect.stringMatching(/disabledSystemHeaders \| Courier always sets connection/)])
  })

  it('keeps a file part’s path only when asked (courier run on a file), never otherwise', () => {
    const doc = {
      info: { name: 'Files', schema: SCHEMA },
      item: [
        {
          name: 'up',
          request: {
            method: 'POST',
            url: 'http://h/',
            body: {
              mode: 'formdata',
              formdata: [
                { key: 'f', type: 'file', src: 'data/upload.csv' },
                { key: 'many', type: 'file', src: ['a.txt', 'b.txt'], contentType: 'text/plain' },
              ],
            },
          },
        },
        { name: 'bin', request: { method: 'POST', url: 'http://h/', body: { mode: 'file', file: { src: 'a.bin' } } } },
      ],
    }
    const plain = requests(doc)
    expect(JSON.stringify(plain.result)).not.toContain('"data/upload.csv"')
    expect(plain.skipped.join('\n')).toMatch(/data\/upload\.csv.*choose the file again/)
    const kept = requests(doc, { keepFileSources: true })
    expect(kept.byName.get('up')!.body).toEqual({
      kind: 'multipart',
      parts: [
        { kind: 'file', name: 'f', enabled: true, file: null, headers: [], source: 'data/upload.csv' },
        {
          kind: 'file',
          name: 'many',
          enabled: true,
          file: null,
          headers: [],
          source: 'a.txt',
          contentType: 'text/plain',
        },
        {
          kind: 'file',
          name: 'many',
          enabled: true,
          file: null,
          headers: [],
          source: 'b.txt',
          contentType: 'text/plain',
        },
      ],
    })
    expect(kept.byName.get('bin')!.body).toEqual({ kind: 'binary', file: null, source: 'a.bin' })
    expect(kept.skipped.join('\n')).not.toMatch(/upload\.csv/)
  })

  it('exports Courier’s own behaviour as protocolProfileBehavior, and it comes back the same', () => {
    const first = requests({
      info: { name: 'Round', schema: SCHEMA },
      item: [
        get('pruned'),
        get('sent', { protocolProfileBehavior: { disableBodyPruning: true, removeRefererHeaderOnRedirect: true } }),
        {
          name: 'kept method',
          request: { method: 'DELETE', url: 'http://h/' },
          protocolProfileBehavior: { followOriginalHttpMethod: true },
        },
      ],
    })
    const file = exportPostman(first.result.collections[0]!)
    const items = (JSON.parse(file.text) as { item: { name: string; protocolProfileBehavior?: unknown }[] }).item
    expect(Object.fromEntries(items.map((i) => [i.name, i.protocolProfileBehavior ?? null]))).toEqual({
      pruned: null,
      sent: { disableBodyPruning: true, removeRefererHeaderOnRedirect: true },
      'kept method': { followOriginalHttpMethod: true },
    })
    const back = requests(JSON.parse(file.text))
    for (const name of ['pruned', 'sent', 'kept method'])
      expect(back.byName.get(name)!.settings).toEqual(first.byName.get(name)!.settings)
  })

  it('keeps a query as written (nothing encoded twice, `?a` without `=`), its rows decoded, and exports it back so', () => {
    const first = requests({
      info: { name: 'Q', schema: SCHEMA },
      item: [
        {
          name: 'q',
          request: {
            method: 'GET',
            url: {
              raw: 'http://h/p?t=10%3A00&bare&x={{v}}',
              host: ['h'],
              protocol: 'http',
              path: ['p'],
              query: [
                { key: 't', value: '10%3A00' },
                { key: 'bare', value: null },
                { key: 'off', value: 'a%26b', disabled: true },
                { key: 'x', value: '{{v}}' },
              ],
            },
          },
        },
      ],
    })
    const q = first.byName.get('q')!
    expect(q.url).toBe('http://h/p?t=10%3A00&bare&x={{v}}')
    expect(q.params).toEqual([
      ['t', '10:00', true],
      ['bare', '', true],
      ['off', 'a&b', false],
      ['x', '{{v}}', true],
    ])
    const back = requests(JSON.parse(exportPostman(first.result.collections[0]!).text))
    expect(back.byName.get('q')!.url).toBe(q.url)
    expect(back.byName.get('q')!.params).toEqual(q.params)
  })

  it('writes a form’s spaces as %20 where a Postman form has one, as postman-runtime does', () => {
    const { byName } = requests({
      info: { name: 'F', schema: SCHEMA },
      item: [
        {
          name: 'spaced',
          request: {
            method: 'POST',
            url: 'http://h/',
            body: { mode: 'urlencoded', urlencoded: [{ key: 'a b', value: 'c' }] },
          },
        },
        {
          name: 'plain',
          request: {
            method: 'POST',
            url: 'http://h/',
            body: { mode: 'urlencoded', urlencoded: [{ key: 'a', value: 'c' }] },
          },
        },
      ],
    })
    expect(byName.get('spaced')!.body).toEqual({ kind: 'form', fields: [['a b', 'c', true]], spaceAs: '%20' })
    expect(byName.get('plain')!.body).toEqual({ kind: 'form', fields: [['a', 'c', true]] })
  })
})

import { describe, expect, it } from 'vitest'
import { importText } from './import-text.js'

describe('importText', () => {
  it('refuses what it does not recognise, broken files and huge ones, with a sentence', async () => {
    await expect(importText('{"hello": 1}')).rejects.toMatchObject({ code: 'IMPORT_FORMAT_UNKNOWN' })
    await expect(importText('{"info": ')).rejects.toMatchObject({
      code: 'IMPORT_INVALID',
      message: expect.stringMatching(/not valid JSON/),
    })
    await expect(importText('x'.repeat(20 * 1024 * 1024 + 1))).rejects.toMatchObject({ code: 'IMPORT_TOO_LARGE' })
    await expect(importText('   ')).rejects.toMatchObject({ code: 'IMPORT_INVALID' })
  })

  it('caps the number of items (10 000) and YAML alias expansion', async () => {
    const item = Array.from({ length: 10_001 }, (_, i) => ({
      name: `r${i}`,
      request: { method: 'GET', url: 'https://x.test/' },
    }))
    await expect(
      importText(
        JSON.stringify({
          info: { name: 'Big', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
          item,
        }),
      ),
    ).rejects.toMatchObject({ code: 'IMPORT_TOO_LARGE' })
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...Array.from(
        { length: 9 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
      ),
    ].join('\n')
    await expect(importText(bomb)).rejects.toMatchObject({ code: 'IMPORT_INVALID' })
  })

  it('imports several cURL commands as one collection', async () => {
    const result = await importText(`curl https://a.test/one\ncurl -X DELETE https://a.test/two -H 'X-A: 1'`)
    expect(result.collections[0]!.items.map((i) => i.name)).toEqual(['GET a.test/one', 'DELETE a.test/two'])
  })

  it('imports a HAR capture without framing headers, reporting them and the responses', async () => {
    const har = {
      log: {
        version: '1.2',
        entries: [
          {
            request: {
              method: 'POST',
              url: 'https://a.test/api?x=1',
              headers: [
                { name: ':authority', value: 'a.test' },
                { name: 'Content-Length', value: '7' },
                { name: 'Accept', value: '*/*' },
              ],
              postData: { mimeType: 'application/x-www-form-urlencoded', params: [{ name: 'q', value: 'a b' }] },
            },
            response: { status: 200 },
          },
        ],
      },
    }
    const result = await importText(JSON.stringify(har))
    const item = result.collections[0]!.items[0]!
    expect(item.kind === 'request' && item.request).toMatchObject({
      method: 'POST',
      headers: [['Accept', '*/*', true]],
      params: [['x', '1', true]],
      body: { kind: 'form', fields: [['q', 'a b', true]] },
    })
    expect(result.report.skipped.map((s) => s.what)).toEqual(['2 framing headers', '1 captured response'])
  })

  it('imports an Insomnia v4 export: groups, Nunjucks variables, environments', async () => {
    const insomnia = {
      _type: 'export',
      __export_format: 4,
      resources: [
        { _id: 'wrk', _type: 'workspace', parentId: null, name: 'Shop' },
        { _id: 'env', _type: 'environment', parentId: 'wrk', name: 'Base', data: { base: 'https://shop.test' } },
        {
          _id: 'env2',
          _type: 'environment',
          parentId: 'env',
          name: 'Staging',
          data: { base: 'https://staging.shop.test', token: 't' },
        },
        { _id: 'grp', _type: 'request_group', parentId: 'wrk', name: 'Orders', environment: { page: 1 } },
        {
          _id: 'req',
          _type: 'request',
          parentId: 'grp',
          name: 'List',
          method: 'GET',
          url: '{{ _.base }}/orders',
          parameters: [{ name: 'page', value: '{{ _.page }}' }],
          headers: [{ name: 'X-A', value: '1', disabled: true }],
          authentication: { type: 'bearer', token: '{{ _.token }}' },
          body: {},
        },
        {
          _id: 'ws',
          _type: 'websocket_request',
          parentId: 'wrk',
          name: 'Live',
          url: 'wss://{{ _.host }}/live',
          headers: [{ name: 'Authorization', value: 'Bearer {{ _.token }}' }],
          authentication: {},
        },
        {
          _id: 'wsp',
          _type: 'websocket_payload',
          parentId: 'ws',
          value: '{"op":"subscribe"}',
          mode: 'application/json',
        },
        { _id: 'grpc', _type: 'grpc_request', parentId: 'wrk', name: 'Rpc' },
      ],
    }
    const result = await importText(JSON.stringify(insomnia))
    const c = result.collections[0]!
    expect(c.variables).toEqual([{ name: 'base', value: 'https://shop.test', enabled: true, secret: false }])
    expect(result.environments).toMatchObject([{ name: 'Staging' }])
    const req = c.items.find((i) => i.kind === 'request')
    expect(req?.kind === 'request' && req.request).toMatchObject({
      url: '{{base}}/orders?page={{page}}',
      headers: [['X-A', '1', false]],
      auth: { type: 'bearer', token: '{{token}}' },
    })
    expect(c.items.find((i) => i.name === 'Live')).toMatchObject({
      request: {
        url: 'wss://{{host}}/live',
        headers: [['Authorization', 'Bearer {{token}}', true]],
        realtime: { kind: 'websocket', messages: [{ name: 'Payload', format: 'json', data: '{"op":"subscribe"}' }] },
      },
    })
    expect(result.report.skipped.map((s) => s.what)).toContain('1 grpc request')
  })
})

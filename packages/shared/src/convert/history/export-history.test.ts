import { describe, expect, it } from 'vitest'
import type { HistoryEntry } from '../../history.js'
import { exportHar } from '../har/export-har.js'
import { exportHistoryCsv } from './export-history.js'

describe('history exports', () => {
  const entry = {
    id: 'h1',
    createdAt: '2024-01-01T00:00:00.000Z',
    method: 'GET',
    url: 'https://x.test/=cmd',
    status: 200,
    errorCode: null,
    durationMs: 12.5,
    size: 2,
    request: {
      method: 'GET',
      url: 'https://x.test/',
      params: [],
      pathParams: [],
      headers: [],
      body: { kind: 'none' },
      auth: { type: 'none' },
      settings: {},
      cookies: '',
      captures: [],
      scripts: { preRequest: '', test: '' },
      assertions: [],
      examples: [],
    },
    response: {
      id: 'h1',
      ok: true,
      startedAt: '2024-01-01T00:00:00.000Z',
      status: 200,
      statusText: 'OK',
      httpVersion: '1.1',
      headers: [['Content-Type', 'application/json']],
      sizes: { headers: 40, bodyWire: 2, body: 2 },
      timing: { total: 12.5, firstByte: 3 },
      body: { contentType: 'application/json', size: 2, url: '/b', inline: '{}', isText: true, truncated: false },
      request: { method: 'GET', url: 'https://x.test/?a=1', headers: [['Authorization', '••••••']], bodySize: 0 },
      hops: [],
      attempts: [],
      cookies: [],
      notes: [],
      insecure: false,
      error: null,
    },
  } as HistoryEntry
  it('writes HAR 1.2 with the recorded (masked) request and the body', () => {
    const har = JSON.parse(exportHar([entry], { version: '0.1.0' }).text)
    expect(har.log.version).toBe('1.2')
    expect(har.log.entries[0].request).toMatchObject({
      method: 'GET',
      url: 'https://x.test/?a=1',
      queryString: [{ name: 'a', value: '1' }],
      headers: [{ name: 'Authorization', value: '••••••' }],
    })
    expect(har.log.entries[0].response).toMatchObject({
      status: 200,
      content: { mimeType: 'application/json', text: '{}' },
    })
  })
  it('writes CSV that no spreadsheet runs as a formula', () => {
    expect(exportHistoryCsv([entry]).text).toBe(
      'id,sentAt,method,url,status,error,durationMs,sizeBytes\r\nh1,2024-01-01T00:00:00.000Z,GET,https://x.test/=cmd,200,,12.5,2\r\n',
    )
    expect(exportHistoryCsv([{ ...entry, url: '=HYPERLINK("x")' }]).text).toContain(`"'=HYPERLINK(""x"")"`)
  })
})

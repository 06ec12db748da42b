import type { ResponseRecord } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { engineSend } from '../test/engine-send.js'
import { startUpstream } from '../test/upstream.js'
import { redactRecord } from './redact.js'

describe('a retried send kept in history', () => {
  it('masks a secret query parameter in every attempt URL, as in the final request', async () => {
    let calls = 0
    const upstream = await startUpstream((_request, response) => {
      response.statusCode = ++calls === 1 ? 503 : 200
      response.end()
    })
    const record: ResponseRecord = await engineSend(
      { method: 'GET', url: upstream.url('/?api_key=s3cr3t-value&page=2'), settings: { retry: { attempts: 2 } } },
      { clock: { now: () => Date.now(), sleep: async () => {} } },
    )
    expect(record.attempts[0]!.url).toContain('s3cr3t-value')
    const kept = redactRecord(record)
    expect(JSON.stringify(kept)).not.toContain('s3cr3t-value')
    expect(kept.attempts[0]!.url).toMatch(/page=2/)
  })
})

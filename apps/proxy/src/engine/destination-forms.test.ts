import { describe, expect, it } from 'vitest'
import { engineSend } from '../test/engine-send.js'
import { TEAM_DESTINATIONS } from './address-policy.js'

/** The policy through a real send: nothing is looked up or connected for a blocked form. */
describe('metadata and embedded-IPv4 targets in a real send', () => {
  it.each([
    'http://100.100.100.200/latest/meta-data/',
    'http://168.63.129.16/machine?comp=goalstate',
    'http://192.0.0.192/',
    'http://[::ffff:0:a9fe:a9fe]/',
    'http://[::ffff:0:169.254.169.254]/',
    'http://[64:ff9b:1::a9fe:a9fe]/',
    'http://[2002:a9fe:a9fe::1]/',
    'http://[fd20:ce::254]/',
    'http://[::a9fe:a9fe]/',
  ])('%s is refused as cloud metadata', async (url) => {
    const record = await engineSend({ method: 'GET', url })
    expect(record.error).toMatchObject({ code: 'TARGET_FORBIDDEN' })
    expect(record.error?.message).toMatch(/metadata/)
  })

  it.each(['metadata.tencentyun.com', 'computeMetadata.metadata.google.internal', 'metadata.goog.'])(
    'the name %s is refused before it is resolved',
    async (host) => {
      const looked: string[] = []
      const lookup = async (name: string) => {
        looked.push(name)
        return [{ address: '127.0.0.1', family: 4 }]
      }
      const record = await engineSend({ method: 'GET', url: `http://${host}/` }, { lookup })
      expect(record.error).toMatchObject({ code: 'TARGET_FORBIDDEN', phase: 'resolve' })
      expect(looked).toEqual([])
    },
  )

  it('refuses a name that resolves to a translated form of a private address on a team server', async () => {
    const lookup = async () => [{ address: '::ffff:0:a00:1', family: 6 }]
    const record = await engineSend(
      { method: 'GET', url: 'http://internal.test/' },
      { lookup, policy: { allowed: TEAM_DESTINATIONS, selfPorts: new Set() } },
    )
    expect(record.error).toMatchObject({ code: 'TARGET_FORBIDDEN' })
    expect(record.error?.message).toMatch(/private/)
  })
})

import { describe, expect, it } from 'vitest'
import { realtimeUrl } from './realtime-client'

describe('realtimeUrl', () => {
  it('is ws: or wss: to the page origin, with the team workspace as a query', () => {
    expect(realtimeUrl({ protocol: 'http:', host: '127.0.0.1:3210' }, null)).toBe('ws://127.0.0.1:3210/api/realtime')
    expect(realtimeUrl({ protocol: 'https:', host: 'courier.test' }, 'w 1')).toBe(
      'wss://courier.test/api/realtime?workspace=w%201',
    )
  })
})

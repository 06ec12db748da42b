import { describe, expect, it } from 'vitest'
import { realtimeFor, realtimeForUrl, requestKind } from './request-kind'

describe('request kind', () => {
  it('is HTTP without spec.realtime', () => {
    expect(requestKind({})).toBe('http')
    expect(requestKind({ realtime: realtimeFor('sse', undefined) })).toBe('sse')
  })
  it('keeps saved messages across a switch and drops realtime for HTTP', () => {
    const ws = realtimeFor('websocket', undefined)!
    const withMessage = { ...ws, messages: [{ id: 'a', name: 'hi', format: 'text' as const, data: 'x' }] }
    expect(realtimeFor('socketio', withMessage)?.messages).toHaveLength(1)
    expect(realtimeFor('http', withMessage)).toBeUndefined()
  })
  it('turns an HTTP request into WebSocket when a ws URL is typed', () => {
    expect(realtimeForUrl('wss://echo.test/x', undefined)?.kind).toBe('websocket')
    expect(realtimeForUrl('https://a.test', undefined)).toBeUndefined()
    const sse = realtimeFor('sse', undefined)
    expect(realtimeForUrl('ws://a.test', sse)).toBe(sse)
  })
})

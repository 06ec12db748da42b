import type { ChangeEvent } from '@courier/shared'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, render } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CLIENT_ID } from '../../shared/api/client-id'
import { useLiveEvents } from './use-live-events'

/** The browser's EventSource as far as the hook uses it: the test plays the server's side of the stream. */
class ServerStream {
  static last: ServerStream | undefined
  readonly listeners = new Map<string, ((message: MessageEvent<string>) => void)[]>()
  closed = false
  constructor(readonly url: string) {
    ServerStream.last = this
  }
  addEventListener(name: string, listener: (message: MessageEvent<string>) => void) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener])
  }
  close() {
    this.closed = true
  }
  emit(name: string, data: unknown) {
    for (const listener of this.listeners.get(name) ?? [])
      listener(new MessageEvent(name, { data: JSON.stringify(data) }))
  }
}

const event = (patch: Partial<ChangeEvent>): ChangeEvent => ({
  workspaceId: 'local',
  kind: 'item',
  id: 'i1',
  version: 2,
  action: 'saved',
  by: { userId: 'u1', name: 'Ann' },
  clientId: 'another-page',
  instanceId: 'instance-1',
  at: '2026-12-02T10:00:00.000Z',
  ...patch,
})

function Probe({ onRemote }: { onRemote: (event: ChangeEvent) => void }) {
  useLiveEvents(onRemote)
  return null
}

describe('useLiveEvents: one stream per page, exactly the changed queries refetched', () => {
  let client: QueryClient
  const heard: ChangeEvent[] = []
  const stale = () =>
    client
      .getQueryCache()
      .getAll()
      .filter((query) => query.isStale())
      .map((query) => query.queryKey[0])
      .sort()

  beforeEach(() => {
    vi.useFakeTimers()
    vi.stubGlobal('EventSource', ServerStream)
    client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } })
    for (const key of ['collections', 'environments', 'presence', 'history']) client.setQueryData([key], [])
    heard.length = 0
    render(
      <QueryClientProvider client={client}>
        <Probe onRemote={(e) => heard.push(e)} />
      </QueryClientProvider>,
    )
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  const push = async (name: string, data: unknown) => {
    await act(async () => {
      ServerStream.last!.emit(name, data)
      await vi.advanceTimersByTimeAsync(50)
    })
  }

  it("refetches only the tree for another page's item change, and tells who", async () => {
    expect(ServerStream.last!.url).toBe('/api/events')
    await push('ready', {})
    await push('change', event({}))
    expect(stale()).toEqual(['collections'])
    expect(heard.map((e) => e.by.name)).toEqual(['Ann'])
    await push('change', event({ kind: 'environment', id: 'e1' }))
    expect(stale()).toEqual(['collections', 'environments'])
  })

  it("ignores this page's own changes and what is not an event", async () => {
    await push('ready', {})
    await push('change', event({ clientId: CLIENT_ID }))
    await push('change', { not: 'an event' })
    expect(stale()).toEqual([])
    expect(heard).toEqual([])
  })

  it('refetches everything after a reconnect and on resync, not at the first start', async () => {
    await push('ready', {})
    expect(stale()).toEqual([])
    await push('ready', {})
    expect(stale()).toEqual(['collections', 'environments', 'history', 'presence'])
    for (const key of ['collections', 'environments', 'presence', 'history']) client.setQueryData([key], [])
    await push('resync', {})
    expect(stale()).toEqual(['collections', 'environments', 'history', 'presence'])
  })
})

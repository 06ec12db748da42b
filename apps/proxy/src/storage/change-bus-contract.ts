import { randomUUID } from 'node:crypto'
import type { ChangeEvent } from '@courier/shared'
import { afterEach, describe, expect, it } from 'vitest'
import type { BusMessage, ChangeBus } from '../ports/change-bus.js'

/** An event of `workspaceId` as a write in it would publish. */
export function changeEvent(bus: ChangeBus, workspaceId: string, id: string = randomUUID()): ChangeEvent {
  return {
    workspaceId,
    kind: 'item',
    id,
    version: 2,
    action: 'saved',
    by: { userId: 'u1', name: 'Ann' },
    clientId: 'page-1',
    instanceId: bus.instanceId,
    at: new Date().toISOString(),
  }
}

/** Resolves with the first message `accept` takes; rejects after `ms` (a bound, not a sleep). */
export function nextMessage(
  bus: ChangeBus,
  workspaceId: string,
  accept: (message: BusMessage) => boolean = () => true,
  ms = 5000,
): Promise<BusMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop()
      reject(new Error(`no matching bus message within ${ms} ms`))
    }, ms)
    const stop = bus.subscribe(workspaceId, (message) => {
      if (!accept(message)) return
      clearTimeout(timer)
      stop()
      resolve(message)
    })
  })
}

/** What every bus does for the subscribers of one instance. */
export function describeChangeBus(name: string, open: () => Promise<ChangeBus>) {
  describe(`${name}: change bus`, () => {
    const opened: ChangeBus[] = []
    const bus = async () => {
      const b = await open()
      opened.push(b)
      return b
    }
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((b) => b.close()))
    })

    it("delivers an event to its workspace's subscribers at once, and to no other workspace", async () => {
      const b = await bus()
      const heard: BusMessage[] = []
      const other: BusMessage[] = []
      b.subscribe('ws-a', (m) => heard.push(m))
      b.subscribe('ws-b', (m) => other.push(m))
      const event = changeEvent(b, 'ws-a')
      await b.publish(event)
      expect(heard).toEqual([{ type: 'change', event }])
      expect(other).toEqual([])
    })

    it('stops delivering after unsubscribe, and one failing subscriber does not stop the others', async () => {
      const b = await bus()
      const heard: string[] = []
      const stop = b.subscribe('ws-a', () => heard.push('first'))
      b.subscribe('ws-a', () => {
        throw new Error('broken subscriber')
      })
      b.subscribe('ws-a', () => heard.push('third'))
      await b.publish(changeEvent(b, 'ws-a'))
      stop()
      await b.publish(changeEvent(b, 'ws-a'))
      expect(heard).toEqual(['first', 'third', 'third'])
    })
  })
}

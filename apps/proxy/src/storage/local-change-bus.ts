import { randomUUID } from 'node:crypto'
import type { ChangeEvent } from '@courier/shared'
import type { BusListener, ChangeBus } from '../ports/change-bus.js'
import { BusListeners } from './bus-listeners.js'

/** One instance (SQLite): the bus is this process's subscribers, nothing more. */
export class LocalChangeBus implements ChangeBus {
  readonly instanceId = randomUUID()
  readonly listeners = new BusListeners()

  async publish(event: ChangeEvent): Promise<void> {
    this.listeners.deliver(event)
  }

  subscribe(workspaceId: string, listener: BusListener): () => void {
    return this.listeners.subscribe(workspaceId, listener)
  }

  async close(): Promise<void> {}
}

import type { ChangeBus } from '../ports/change-bus.js'
import type { DatabaseTarget } from './database.js'
import { LocalChangeBus } from './local-change-bus.js'
import { PostgresChangeBus } from './postgres-change-bus.js'

/** The bus that fits the store: instances on one PostgreSQL talk through it; a SQLite file has one instance. */
export function openChangeBus(target: DatabaseTarget, channel?: string): Promise<ChangeBus> {
  return target.kind === 'postgres'
    ? PostgresChangeBus.open({ url: target.url, channel })
    : Promise.resolve(new LocalChangeBus())
}

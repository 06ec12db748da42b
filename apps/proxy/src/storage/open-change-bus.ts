import type { ChangeBus } from '../ports/change-bus.js'
import type { DatabaseTarget } from './database.js'
import { LocalChangeBus } from './local-change-bus.js'
import { lazy } from '../lazy.js'

/** The PostgreSQL bus and its driver load only when the store is PostgreSQL. */
const postgresBus = lazy(() => import('./postgres-change-bus.js'))

/** The bus that fits the store: instances on one PostgreSQL talk through it; a SQLite file has one instance. */
export async function openChangeBus(target: DatabaseTarget, channel?: string): Promise<ChangeBus> {
  return target.kind === 'postgres'
    ? (await postgresBus()).PostgresChangeBus.open({ url: target.url, channel })
    : new LocalChangeBus()
}

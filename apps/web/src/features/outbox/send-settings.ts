import { endpoints } from '@courier/shared'
import { callEndpoint } from '../../shared/api/proxy-client'
import type { KeptSettings } from './kept-changes'

/** Writes a kept settings save over `version`: the server merges it with what changed since, field by field. */
export function sendSettings(kept: KeptSettings, version: number): Promise<unknown> {
  const params = { id: kept.itemId }
  if (kept.kind === 'environment')
    return callEndpoint(endpoints.updateEnvironment, { params, body: { ...kept.patch, version } })
  if (kept.kind === 'collection')
    return callEndpoint(endpoints.updateCollection, { params, body: { ...kept.patch, version } })
  return callEndpoint(endpoints.updateItem, { params, body: { ...kept.patch, version } })
}

// Bruno's own .bru parser and writer (@usebruno/lang, MIT), behind the few shapes Courier reads.
import lang from '@usebruno/lang'

export type BruKeyValue = {
  name: string
  value: unknown
  enabled?: boolean
  type?: string
  contentType?: string
  local?: boolean
  description?: string
  annotations?: { name: string; value?: string }[]
  dataType?: string
  secret?: boolean
}

/** A .bru request, folder or collection file as @usebruno/lang reads and writes it. */
export type BruJson = {
  meta?: Record<string, unknown>
  http?: { method?: string; url?: string; body?: string; auth?: string }
  params?: BruKeyValue[]
  headers?: BruKeyValue[]
  auth?: Record<string, unknown> & { mode?: string }
  body?: Record<string, unknown>
  script?: { req?: string; res?: string }
  vars?: { req?: BruKeyValue[]; res?: BruKeyValue[] }
  assertions?: BruKeyValue[]
  tests?: string
  docs?: string
  settings?: Record<string, unknown>
  examples?: unknown[]
  request?: BruJson
  [key: string]: unknown
}

export type BruEnvironment = { variables?: BruKeyValue[]; color?: string | null }

type Lang = {
  bruToJsonV2(text: string): BruJson
  jsonToBruV2(json: BruJson): string
  collectionBruToJson(text: string): BruJson
  jsonToCollectionBru(json: BruJson): string
  bruToEnvJsonV2(text: string): BruEnvironment
  envJsonToBruV2(json: BruEnvironment): string
}

export const bru = lang as unknown as Lang

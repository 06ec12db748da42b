import { GLOBALS_ID, type CaptureRule, type ResponseRecord } from '@courier/shared'
import { query } from 'jsonpath-rfc9535'
import type { BodyStore } from '../storage/body-store.js'
import type { Store } from '../storage/store.js'

export type CaptureServices = { store: Pick<Store, 'environments'>; bodies: Pick<BodyStore, 'readText'> }

const MAX_JSON_BYTES = 10 * 1024 * 1024

async function bodyText(bodies: CaptureServices['bodies'], record: ResponseRecord): Promise<string | null> {
  if (!record.body) return null
  if (record.body.inline !== null) return record.body.inline
  if (!record.body.isText || record.body.size > MAX_JSON_BYTES) return null
  return bodies.readText(record.id)
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** The value a rule captures from a response, or a sentence saying why there is none. */
async function capture(
  bodies: CaptureServices['bodies'],
  rule: CaptureRule,
  record: ResponseRecord,
): Promise<{ value: string } | { problem: string }> {
  switch (rule.source) {
    case 'status':
      return record.status === null ? { problem: 'there was no status' } : { value: String(record.status) }
    case 'header': {
      const found = record.headers.find(([name]) => name.toLowerCase() === rule.expression.trim().toLowerCase())
      return found ? { value: found[1] } : { problem: `the response has no ${rule.expression} header` }
    }
    case 'json': {
      const text = await bodyText(bodies, record)
      if (text === null) return { problem: 'the body is not text (or is over 10 MB)' }
      let document: unknown
      try {
        document = JSON.parse(text)
      } catch {
        return { problem: 'the body is not JSON' }
      }
      try {
        const matches = query(document as never, rule.expression || '$')
        return matches.length ? { value: asText(matches[0]) } : { problem: `${rule.expression} matched nothing` }
      } catch (error) {
        return {
          problem: `${rule.expression} is not a valid JSONPath (${error instanceof Error ? error.message : String(error)})`,
        }
      }
    }
  }
}

/**
 * Runs a request's "set variable from response" rules after a send, so a login's token feeds
 * the next request. Each outcome becomes a note on the record. Targets the active environment
 * (globals when none is active) or the globals.
 */
export async function applyCaptures(
  services: CaptureServices,
  rules: readonly CaptureRule[],
  record: ResponseRecord,
  environmentId: string | undefined,
): Promise<void> {
  const active = rules.filter((rule) => rule.enabled)
  if (active.length === 0 || record.status === null) return
  for (const rule of active) {
    const target = rule.scope === 'global' || !environmentId ? GLOBALS_ID : environmentId
    const outcome = await capture(services.bodies, rule, record)
    if ('problem' in outcome) {
      record.notes.push(`{{${rule.variable}}} was not set: ${outcome.problem}.`)
      continue
    }
    const environment = await services.store.environments.setVariable(target, rule.variable, outcome.value)
    record.notes.push(
      `{{${rule.variable}}} set in ${environment.name} from the ${rule.source === 'json' ? `body (${rule.expression})` : rule.source === 'header' ? `${rule.expression} header` : 'status'}.`,
    )
  }
}

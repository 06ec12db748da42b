import { GLOBALS_ID, type CaptureRule, type ResponseRecord } from '@courier/shared'
import type { BodyStore } from '../storage/body-store.js'
import type { Store } from '../storage/store.js'
import type { VariableValueStore } from '../storage/variable-values-store.js'
import { queryJson } from './json-path.js'

export type CaptureServices = {
  store: Pick<Store, 'environments'>
  bodies: Pick<BodyStore, 'readText'>
  /**
   * The sender's own current values. With `into: 'current'` (team mode) a capture writes there and
   * the shared value stays as it is; otherwise (single-user) it writes the shared value, and the
   * sender's current value too when one is set, so the next send uses what was captured.
   */
  current?: VariableValueStore
  into?: 'shared' | 'current'
  /** Writes a captured value somewhere else than the store (a run's own variables); answers where. */
  write?: (target: string, name: string, value: string) => Promise<{ name: string }>
}

const MAX_JSON_BYTES = 10 * 1024 * 1024

/** A response's body as text: inline, or read from the body store when textual and at most 10 MB; null otherwise. */
export async function responseText(bodies: CaptureServices['bodies'], record: ResponseRecord): Promise<string | null> {
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
      const text = await responseText(bodies, record)
      if (text === null) return { problem: 'the body is not text (or is over 10 MB)' }
      let document: unknown
      try {
        document = JSON.parse(text)
      } catch {
        return { problem: 'the body is not JSON' }
      }
      // queryJson loads JSONPath with the first capture that needs it, not with every send.
      try {
        const matches = await queryJson(document, rule.expression || '$')
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
    const environment = services.write
      ? await services.write(target, rule.variable, outcome.value)
      : await writeCapture(services, target, rule.variable, outcome.value)
    const where = services.write ? ' (for this run)' : services.into === 'current' ? ' (your current value)' : ''
    record.notes.push(
      `{{${rule.variable}}} set in ${environment.name}${where} from the ${rule.source === 'json' ? `body (${rule.expression})` : rule.source === 'header' ? `${rule.expression} header` : 'status'}.`,
    )
  }
}

/** Writes one captured value where the send's mode says; answers the environment's name. */
export async function writeCapture(
  services: Omit<CaptureServices, 'bodies'>,
  target: string,
  name: string,
  value: string,
): Promise<{ name: string }> {
  const { current } = services
  if (services.into === 'current' && current) {
    const environment = await services.store.environments.get(target)
    if (!environment) throw new Error('The environment of a capture no longer exists.')
    await current.set(target, name, value)
    return environment
  }
  const environment = await services.store.environments.setVariable(target, name, value)
  if (current && (await current.list(target)).some((c) => c.name === name)) await current.set(target, name, value)
  return environment
}

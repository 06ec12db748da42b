import type { Example } from '../../examples.js'
import type { Scripts } from '../../scripts.js'
import type { ImportBuilder } from '../import-builder.js'
import { arr, isRecord, str } from '../parse-document.js'

type Json = Record<string, unknown>

/** What Courier's sandbox lacks, found in a script's text: the script is kept, those lines will fail when run. */
const UNSUPPORTED: [RegExp, string][] = [
  [/\brequire\s*\(/, 'require() of libraries (lodash, moment, crypto-js…)'],
  [/\bpm\.cookies\b/, 'pm.cookies'],
  [/\bpm\.vault\b/, 'pm.vault'],
  [/\bpm\.require\b/, 'pm.require (package library)'],
  [/\bxml2Json\s*\(/, 'xml2Json'],
  [/\bCryptoJS\b/, 'CryptoJS'],
]

/** A node's `event` list as Courier's scripts: prerequest and test kept whole, anything else reported. */
export function scriptsFromEvents(events: unknown, where: string, builder: ImportBuilder): Scripts {
  const scripts: Scripts = { preRequest: '', test: '' }
  for (const event of arr(events).filter(isRecord)) {
    const exec = isRecord(event.script) ? event.script.exec : undefined
    const text =
      typeof exec === 'string'
        ? exec
        : arr(exec)
            .map((line) => str(line))
            .join('\n')
    if (!text.trim() || event.disabled === true) continue
    const phase = event.listen === 'prerequest' ? 'preRequest' : event.listen === 'test' ? 'test' : null
    if (!phase) {
      builder.skip(where, `${str(event.listen)} script`, 'Courier runs pre-request and test scripts only.')
      continue
    }
    scripts[phase] = scripts[phase] ? `${scripts[phase]}\n${text}` : text
    const missing = UNSUPPORTED.filter(([pattern]) => pattern.test(text)).map(([, name]) => name)
    if (missing.length)
      builder.skip(
        where,
        phase === 'preRequest' ? 'pre-request script' : 'test script',
        `Kept, but Courier's sandbox has no ${missing.join(', ')}: the lines using it fail when run.`,
      )
  }
  return scripts
}

/** Courier's scripts as a Postman `event` list (none when both are empty). */
export function eventsFromScripts(scripts: Scripts | undefined): Json[] {
  if (!scripts) return []
  const events: Json[] = []
  for (const [listen, text] of [
    ['prerequest', scripts.preRequest],
    ['test', scripts.test],
  ] as const) {
    if (text.trim()) events.push({ listen, script: { type: 'text/javascript', exec: text.split('\n') } })
  }
  return events
}

function pairs(headers: unknown): [string, string][] {
  return arr(headers)
    .filter(isRecord)
    .map((h): [string, string] => [str(h.key), str(h.value)])
}

/** A request's saved `response` list as examples. */
export function examplesFromPostman(responses: unknown): Example[] {
  return arr(responses)
    .filter(isRecord)
    .slice(0, 200)
    .map((r): Example => {
      const original = isRecord(r.originalRequest) ? r.originalRequest : undefined
      const url = original
        ? typeof original.url === 'string'
          ? original.url
          : isRecord(original.url)
            ? str(original.url.raw)
            : ''
        : ''
      const code = typeof r.code === 'number' && r.code >= 100 && r.code <= 999 ? r.code : 200
      return {
        name: str(r.name, 'Example').slice(0, 500),
        status: code,
        statusText: str(r.status).slice(0, 200),
        headers: pairs(r.header),
        body: str(r.body),
        ...(original
          ? {
              request: {
                method: str(original.method, 'GET'),
                url,
                headers: pairs(original.header),
                body: isRecord(original.body) ? str(original.body.raw) : '',
              },
            }
          : {}),
      }
    })
}

/** Examples as Postman's `response` list. */
export function examplesToPostman(examples: readonly Example[]): Json[] {
  return examples.map((example) => ({
    name: example.name,
    code: example.status,
    status: example.statusText,
    header: example.headers.map(([key, value]) => ({ key, value })),
    body: example.body,
    ...(example.request
      ? {
          originalRequest: {
            method: example.request.method,
            url: example.request.url,
            header: example.request.headers.map(([key, value]) => ({ key, value })),
            ...(example.request.body ? { body: { mode: 'raw', raw: example.request.body } } : {}),
          },
        }
      : {}),
  }))
}

import { graphqlPayload, type RequestBody } from '@courier/shared'
import { CourierError } from '../errors.js'

export type BuiltBody = {
  bytes: Buffer
  /** The Content-Type Courier sets for this body kind, unless the person set their own. */
  contentType: string | null
}

/** Where in a JSON text a parse error is, as "line 3, column 7". */
export function jsonErrorPosition(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const at = /position (\d+)/.exec(message)
  if (!at) return message
  const offset = Number(at[1])
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  const column = offset - before.lastIndexOf('\n')
  return `line ${line}, column ${column}`
}

function parseJsonField(text: string, field: string, what: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new CourierError(
      'BODY_INVALID',
      `${what} is not valid JSON (${jsonErrorPosition(text, error)}). Fix it, or send it as Raw text.`,
      { field, phase: 'validate' },
    )
  }
}

/**
 * application/x-www-form-urlencoded, as browsers and `requests` write it (space → +), or with
 * `spaceAs: '%20'` as Postman and `curl --data-urlencode` do.
 */
export function encodeFormFields(fields: readonly (readonly [string, string])[], spaceAs: '+' | '%20' = '+'): string {
  return fields.map(([name, value]) => `${formEncode(name, spaceAs)}=${formEncode(value, spaceAs)}`).join('&')
}

function formEncode(text: string, spaceAs: '+' | '%20'): string {
  const encoded = encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return spaceAs === '+' ? encoded.replace(/%20/g, '+') : encoded
}

/** Turns the in-memory body kinds into bytes. Multipart and binary bodies are built from uploaded files elsewhere. */
export function buildInMemoryBody(body: RequestBody): BuiltBody | null {
  switch (body.kind) {
    case 'none':
      return null
    case 'json':
      if (body.text.trim() === '') return { bytes: Buffer.alloc(0), contentType: 'application/json' }
      parseJsonField(body.text, 'body.text', 'The JSON body')
      return { bytes: Buffer.from(body.text, 'utf8'), contentType: 'application/json' }
    case 'raw':
      return { bytes: Buffer.from(body.text, 'utf8'), contentType: body.contentType || 'text/plain' }
    case 'form': {
      const fields = body.fields
        .filter(([name, , enabled]) => enabled && name !== '')
        .map(([name, value]) => [name, value] as const)
      return {
        bytes: Buffer.from(encodeFormFields(fields, body.spaceAs), 'utf8'),
        contentType: 'application/x-www-form-urlencoded',
      }
    }
    case 'graphql': {
      const { payload, variablesProblem } = graphqlPayload(body)
      if (variablesProblem)
        throw new CourierError('BODY_INVALID', variablesProblem, { field: 'body.variables', phase: 'validate' })
      return { bytes: Buffer.from(JSON.stringify(payload), 'utf8'), contentType: 'application/json' }
    }
    case 'multipart':
    case 'binary':
      return undefined as never
  }
}

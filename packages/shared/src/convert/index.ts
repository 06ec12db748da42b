// @courier/shared/convert: import, export and code generation. A separate entry so its
// libraries (postman-collection, httpsnippet, the OpenAPI parser, yaml) stay out of the web
// bundle: the web app reaches these through the server's import/export endpoints.
export * from './import-result.js'
export * from './export-file.js'
export * from './import-text.js'
export * from './import-files.js'
export { unzipImportFiles, ZIP_LIMITS } from './unzip-import.js'
export { REF_LIMITS, type RefLoader, type RefSource } from './openapi/resolve-refs.js'
export { schemaExamples } from './openapi/schema-examples.js'
export * from './mask-secrets.js'
export { decodeImportBytes } from './decode-text.js'
export { ImportBuilder, cleanName } from './import-builder.js'
export { parseCurl, looksLikeCurl, type ParsedCurl, type CurlProblem } from './curl/parse-curl.js'
export { generateCurl, type GeneratedCode } from './curl/export-curl.js'
export { shellWords, shellQuote } from './curl/shell-words.js'
export { exportPostman, POSTMAN_SCHEMA_V21 } from './postman/export-postman.js'
export { exportOpenApi } from './openapi/export-openapi.js'
export { exportHar } from './har/export-har.js'
export { importBruno, importBrunoFiles, isBrunoFiles } from './bruno/import-bruno.js'
export { exportBruno, exportBrunoEnvironment, type BrunoExport } from './bruno/export-bruno.js'
/** Bruno's own .bru reader and writer (@usebruno/lang), for tests that take Bruno's reading as the judge. */
export { bru as brunoLang, type BruJson } from './bruno/bru-lang.js'
export { exportInsomniaV5 } from './insomnia/export-insomnia-v5.js'
export { specToHar } from './har/spec-to-har.js'
export { exportWorkspace, WORKSPACE_FORMAT } from './workspace/export-workspace.js'
export { exportHistoryCsv, exportHistoryJson } from './history/export-history.js'
export { auditCsvHeader, auditCsvLine } from './audit/export-audit.js'
export { generateCode } from './codegen/generate-code.js'
export {
  CODE_TARGETS,
  CodeTargetIdSchema,
  codeTarget,
  type CodeTarget,
  type CodeTargetId,
} from './codegen/code-targets.js'
export * from './import-export-api.js'

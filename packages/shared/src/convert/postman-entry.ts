// @courier/shared/convert/postman: the Postman collection importer alone, for `courier run file.json`,
// which should not load the OpenAPI, HAR, Insomnia and code-generation parsers of ./index.ts.
export { importPostmanText } from './postman/import-postman-text.js'
export { ConvertError, type ImportResult } from './import-result.js'
export { decodeImportBytes } from './decode-text.js'

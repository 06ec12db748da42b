// One style for the whole repository (`npm run format`, checked by `npm run format:check`): the
// style the code was written in, at 120 columns.
/** @type {import('prettier').Config} */
export default {
  printWidth: 120,
  semi: false,
  singleQuote: true,
  trailingComma: 'all',
}

/**
 * The Postman script API Courier's sandbox offers, as completion sees it: a member path, its
 * kind, and a line of documentation. `pm.` lists the first level, `pm.response.` the next, and so on.
 */
export type ApiMember = { path: string; kind: 'function' | 'property' | 'object'; doc: string; insert?: string }

export const SCRIPT_API: ApiMember[] = [
  { path: 'pm', kind: 'object', doc: 'The Postman script API.' },
  {
    path: 'pm.test',
    kind: 'function',
    doc: 'pm.test(name, fn): a named test; it fails when fn throws.',
    insert: "test('${1:name}', () => {\n\t$0\n})",
  },
  { path: 'pm.expect', kind: 'function', doc: "pm.expect(value): chai's BDD assertion, e.g. pm.expect(x).to.eql(1)." },
  { path: 'pm.response', kind: 'object', doc: 'The answer (test scripts).' },
  { path: 'pm.response.json', kind: 'function', doc: 'The body parsed as JSON.' },
  { path: 'pm.response.text', kind: 'function', doc: 'The body as text.' },
  { path: 'pm.response.code', kind: 'property', doc: 'The status code, e.g. 200.' },
  { path: 'pm.response.status', kind: 'property', doc: 'The reason phrase, e.g. "OK".' },
  { path: 'pm.response.headers', kind: 'object', doc: 'The response headers: get(name), has(name), toObject().' },
  { path: 'pm.response.headers.get', kind: 'function', doc: 'A header’s value by name (any case).' },
  { path: 'pm.response.headers.has', kind: 'function', doc: 'Whether a header is present.' },
  { path: 'pm.response.responseTime', kind: 'property', doc: 'Milliseconds from sending to the whole answer.' },
  { path: 'pm.response.responseSize', kind: 'property', doc: 'Body bytes.' },
  {
    path: 'pm.response.to',
    kind: 'object',
    doc: 'pm.response.to.have.status(200), .to.be.ok, .to.have.header(name), .to.have.jsonBody().',
  },
  {
    path: 'pm.response.to.have',
    kind: 'object',
    doc: 'status(code), header(name[, value]), body(text), jsonBody([path]).',
  },
  { path: 'pm.response.to.have.status', kind: 'function', doc: 'The status is this code (or reason).' },
  { path: 'pm.response.to.have.header', kind: 'function', doc: 'This header is present (with this value).' },
  { path: 'pm.response.to.have.jsonBody', kind: 'function', doc: 'The body is JSON (with this path).' },
  { path: 'pm.response.to.be', kind: 'object', doc: 'ok, success, error, clientError, serverError, json.' },
  {
    path: 'pm.request',
    kind: 'object',
    doc: 'The request: url, method, headers, body. A pre-request script may change it.',
  },
  { path: 'pm.request.url', kind: 'property', doc: 'The URL as typed ({{variables}} unresolved).' },
  { path: 'pm.request.method', kind: 'property', doc: 'GET, POST…' },
  {
    path: 'pm.request.headers',
    kind: 'object',
    doc: 'add({key, value}), upsert({key, value}), remove(name), get(name).',
  },
  { path: 'pm.request.headers.add', kind: 'function', doc: 'Adds a header: add({ key, value }).' },
  { path: 'pm.request.headers.upsert', kind: 'function', doc: 'Sets a header, replacing one of the same name.' },
  { path: 'pm.request.headers.remove', kind: 'function', doc: 'Removes a header by name.' },
  { path: 'pm.request.body', kind: 'object', doc: 'The body: mode, raw, urlencoded.' },
  ...(['environment', 'collectionVariables', 'globals', 'variables', 'iterationData'] as const).flatMap(
    (scope): ApiMember[] => [
      {
        path: `pm.${scope}`,
        kind: 'object',
        doc:
          scope === 'variables'
            ? 'Every scope at once, nearest first; set() lasts for this request only.'
            : scope === 'iterationData'
              ? "The run's data-file row for this iteration."
              : `The ${scope === 'environment' ? 'active environment' : scope === 'globals' ? 'globals' : 'collection variables'}.`,
      },
      { path: `pm.${scope}.get`, kind: 'function', doc: 'A variable’s value by name.' },
      { path: `pm.${scope}.has`, kind: 'function', doc: 'Whether the variable is set.' },
      { path: `pm.${scope}.toObject`, kind: 'function', doc: 'Every variable as an object.' },
      ...(scope === 'iterationData'
        ? []
        : [
            { path: `pm.${scope}.set`, kind: 'function' as const, doc: 'Sets a variable: set(name, value).' },
            { path: `pm.${scope}.unset`, kind: 'function' as const, doc: 'Removes a variable.' },
          ]),
    ],
  ),
  {
    path: 'pm.sendRequest',
    kind: 'function',
    doc: 'pm.sendRequest(urlOrRequest, (err, res) => …): another request, through Courier.',
  },
  { path: 'pm.info', kind: 'object', doc: 'requestName, requestId, iteration, iterationCount, eventName.' },
  { path: 'pm.info.requestName', kind: 'property', doc: 'The saved request’s name.' },
  { path: 'pm.info.iteration', kind: 'property', doc: 'The run’s iteration, from 0.' },
  { path: 'pm.info.iterationCount', kind: 'property', doc: 'How many iterations the run has.' },
  { path: 'pm.execution', kind: 'object', doc: 'setNextRequest(name), skipRequest().' },
  {
    path: 'pm.execution.setNextRequest',
    kind: 'function',
    doc: 'In a run: go to this request next (null stops the run).',
  },
  { path: 'pm.execution.skipRequest', kind: 'function', doc: 'In a pre-request script: do not send this request.' },
  { path: 'pm.visualizer', kind: 'object', doc: 'set(template, data): an HTML view of the answer (Handlebars).' },
  { path: 'pm.visualizer.set', kind: 'function', doc: 'pm.visualizer.set(template, data).' },
  { path: 'console', kind: 'object', doc: 'log, info, warn, error: shown in the Console.' },
  { path: 'console.log', kind: 'function', doc: 'Writes a line to the Console.' },
  { path: 'console.warn', kind: 'function', doc: 'Writes a warning to the Console.' },
  { path: 'console.error', kind: 'function', doc: 'Writes an error to the Console.' },
  {
    path: 'postman',
    kind: 'object',
    doc: 'Legacy API: setEnvironmentVariable, getEnvironmentVariable, setNextRequest.',
  },
  { path: 'postman.setEnvironmentVariable', kind: 'function', doc: 'Legacy: pm.environment.set.' },
  { path: 'postman.getEnvironmentVariable', kind: 'function', doc: 'Legacy: pm.environment.get.' },
  { path: 'postman.setNextRequest', kind: 'function', doc: 'Legacy: pm.execution.setNextRequest.' },
  { path: 'responseBody', kind: 'property', doc: 'Legacy: the body as text.' },
  { path: 'responseCode', kind: 'object', doc: 'Legacy: { code, name }.' },
  { path: 'tests', kind: 'object', doc: "Legacy: tests['name'] = condition." },
]

/** The members just below `prefix` ("pm.response" → json, text, code…); "" gives the top-level names. */
export function membersAfter(prefix: string): ApiMember[] {
  const depth = prefix === '' ? 0 : prefix.split('.').length
  return SCRIPT_API.filter((m) => {
    const parts = m.path.split('.')
    return parts.length === depth + 1 && (prefix === '' || m.path.startsWith(`${prefix}.`))
  })
}

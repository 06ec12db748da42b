/**
 * Collections of the corpus (corpus.test.ts) where `courier run` does not send what newman sends,
 * each with the reason. The test fails when one listed here agrees, or one not listed differs.
 */
const UNRESOLVED =
  'newman sends an unknown {{variable}} in a URL, header or auth as typed; Courier refuses such a request on purpose (send/resolve-request.ts: it would go somewhere else than meant)'
const RANDOM =
  'it sends dynamic values ({{$guid}}, {{$randomInt}}, {{$timestamp}}), different on every run of either tool'
const MISSING_FILE =
  'a form-data file part names a path that does not exist (relative to newman’s repository root): newman sends the form without it, courier run refuses the request and says which part has no file'
const OAUTH1 =
  'OAuth 1.0 auth: both tools sign with the current second (the collection’s old `timeStamp` key is read by neither), so the signatures match only when both runs fall in the same second'

export const KNOWN_DIFFERENCES: Record<string, string> = {
  'clear-vars-sandbox': `after pm.variables/environment .clear() or .unset(), newman leaves {{e}} unresolved and sends it as typed; courier run sends the cleared variable as empty`,
  'custom-http-method/custom-http-method': MISSING_FILE,
  'tc4/tc4': MISSING_FILE,
  'distinct-random-int': RANDOM,
  'dynamic-var-replacement': RANDOM,
  'multi-value-data': RANDOM,
  'super-sandbox-test': `${RANDOM}; also newman sends a Digest Authorization header on the first try where courier run waits for the challenge, and a variable set by a script newman resolves is unknown in courier run`,
  'echo-v2': `${OAUTH1}; its Digest auth request: newman signs the first request with the unresolved {{echo_digest_realm}}/{{echo_digest_nonce}}, courier run answers the server’s challenge`,
  'hawk-auth-test':
    'Hawk auth: newman signs with the current time and a fresh nonce (different on every run); courier run signs with the collection’s saved timestamp',
  'oauth1-var-in-url-params': `${OAUTH1}; the timestamps differ on every run too`,
  'request-chaining-test': UNRESOLVED,
  'var-replacement': UNRESOLVED,
  'wise-all-endpoints': `${UNRESOLVED} (its {{profileId}}-style path variables are set by no file)`,
  'wise-groups-api': UNRESOLVED,
  'whatwg-url':
    'URL details of the engine, not of the import: newman keeps “/./” path segments and an empty “?”, and with disableUrlEncoding sends " < > unencoded; Courier’s engine normalises the path, drops the empty query and always encodes them',
}

/**
 * Collections whose agreement depends on the clock: compared with the OAuth timestamp and
 * signature left out (everything else must agree), and counted as agreeing only when they match whole.
 */
export const CLOCK_DEPENDENT: Record<string, string> = {
  helper: `${OAUTH1}; its Basic and Digest requests send what newman sends`,
}

/** Collections that need hosts other than postman-echo.com and httpbin.org (which the local echo server stands in for): not run. */
export const NEEDS_INTERNET: Record<string, string> = {
  'head-requests': 'HEAD requests to google.com and github.com',
  'v2-regression-tests/v2-regression-tests': 'a request to expired.badssl.com (a certificate test)',
}

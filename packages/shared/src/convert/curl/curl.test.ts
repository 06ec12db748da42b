import { describe, expect, it } from 'vitest'
import { RequestSpecSchema } from '../../request-spec.js'
import { generateCode } from '../codegen/generate-code.js'
import { generateCurl } from './export-curl.js'
import { parseCurl } from './parse-curl.js'
import { shellWords } from './shell-words.js'

describe('shellWords', () => {
  it('handles quotes, escapes, $-strings and continuations (POSIX, cmd, PowerShell)', () => {
    expect(shellWords(`curl 'a b' "c \\"d\\"" e\\ f $'g\\nh' \\\n  -k`)).toEqual([
      'curl',
      'a b',
      'c "d"',
      'e f',
      'g\nh',
      '-k',
    ])
    expect(shellWords('curl ^"https://x.test/a?b=1^" ^\n  -H ^"accept: */*^"')).toEqual([
      'curl',
      'https://x.test/a?b=1',
      '-H',
      'accept: */*',
    ])
    expect(shellWords('curl https://x.test `\n  -X POST')).toEqual(['curl', 'https://x.test', '-X', 'POST'])
  })
})

describe('parseCurl', () => {
  it('reads method, URL, params, headers, JSON body and basic auth', () => {
    const { spec, problems } = parseCurl(
      `curl -X PUT 'https://api.test/users/7?verbose=1&tag=a&tag=b' -H 'Content-Type: application/json' -H "X-Trace: abc" --data-raw '{"name":"Ada"}' -u alice:s3cret --compressed -sS`,
    )
    expect(problems).toEqual([{ what: 'options -s -S', reason: expect.stringMatching(/not what is sent/) }])
    expect(spec).toMatchObject({
      method: 'PUT',
      url: 'https://api.test/users/7?verbose=1&tag=a&tag=b',
      params: [
        ['verbose', '1', true],
        ['tag', 'a', true],
        ['tag', 'b', true],
      ],
      headers: [['X-Trace', 'abc', true]],
      body: { kind: 'json', text: '{"name":"Ada"}' },
      auth: { type: 'basic', username: 'alice', password: 's3cret' },
    })
  })

  it('turns -d into a form body and POST only where the bytes stay the same, -G into query params', () => {
    expect(
      parseCurl(`curl https://x.test/login -d user=ada -d 'pass=a+b' --data-urlencode 'note=x&y z'`).spec,
    ).toMatchObject({
      method: 'POST',
      body: {
        kind: 'form',
        fields: [
          ['user', 'ada', true],
          ['pass', 'a b', true],
          ['note', 'x&y z', true],
        ],
      },
    })
    // curl sends -d verbatim: no `123=`, no `%20` → `+`, no `@` → `%40`.
    for (const data of ['123', 'a=%20b', 'x=@rawmsg', 'pass=a b'])
      expect(parseCurl(`curl https://x.test/login -d '${data}'`).spec.body).toEqual({
        kind: 'raw',
        text: data,
        contentType: 'application/x-www-form-urlencoded',
      })
    expect(parseCurl(`curl -G https://x.test/search -d q=cats -d page=2`).spec).toMatchObject({
      method: 'GET',
      url: 'https://x.test/search?q=cats&page=2',
      body: { kind: 'none' },
    })
  })

  it('reads -F parts, text-as-file, and never reads a file path', () => {
    const { spec, problems } = parseCurl(
      `curl https://x.test/up -F title=hello -F 'report="a;b";filename=r.csv;type=text/csv' -F photo=@/etc/passwd -b 'sid=1; theme=dark' -k -L --max-time 5 --digest -u u:p`,
    )
    expect(spec.body).toEqual({
      kind: 'multipart',
      parts: [
        { kind: 'text', name: 'title', value: 'hello', enabled: true, headers: [] },
        {
          kind: 'text',
          name: 'report',
          value: 'a;b',
          filename: 'r.csv',
          contentType: 'text/csv',
          enabled: true,
          headers: [],
        },
        { kind: 'file', name: 'photo', filename: 'passwd', file: null, enabled: true, headers: [] },
      ],
    })
    expect(problems[0]!.reason).toMatch(/choose the file/)
    expect(spec).toMatchObject({
      cookies: 'sid=1; theme=dark',
      settings: { verifyTls: false, followRedirects: true, timeoutMs: 5000 },
      auth: { type: 'digest', username: 'u', password: 'p' },
    })
  })

  it('reports what it cannot carry and refuses a command without URL', () => {
    expect(parseCurl('curl --proxy http://p:1 https://x.test -E cert.pem').problems.map((p) => p.what)).toEqual([
      'option --proxy http://p:1',
      'option -E cert.pem',
    ])
    expect(() => parseCurl('curl -X GET')).toThrow(/no URL/)
  })

  it('reads Chrome’s “Copy as cURL (bash)” output', () => {
    const command = `curl 'https://api.test/v1/items?page=2' \\\n  -H 'accept: application/json' \\\n  -H 'authorization: Bearer abc.def' \\\n  --data-raw $'{"a":"it\\'s"}' \\\n  --compressed`
    const { spec } = parseCurl(command)
    expect(spec).toMatchObject({
      method: 'POST',
      headers: [
        ['accept', 'application/json', true],
        ['authorization', 'Bearer abc.def', true],
      ],
      body: { kind: 'raw', text: `{"a":"it's"}` },
    })
  })
})

describe('generateCurl', () => {
  it('parses back to the same request', () => {
    const spec = RequestSpecSchema.parse({
      method: 'POST',
      url: 'https://x.test/up?a=1',
      params: [['a', '1', true]],
      headers: [['X-Trace', "it's", true]],
      body: {
        kind: 'multipart',
        parts: [
          { kind: 'text', name: 'title', value: 'hi;there', enabled: true, headers: [] },
          {
            kind: 'text',
            name: 'report',
            value: 'a,b',
            filename: 'r.csv',
            contentType: 'text/csv',
            enabled: true,
            headers: [],
          },
        ],
      },
      auth: { type: 'basic', username: 'u', password: 'p w' },
      settings: { verifyTls: false },
    })
    const { code } = generateCurl(spec)
    expect(code).toContain(`-H 'X-Trace: it'\\''s'`)
    expect(parseCurl(code).spec).toMatchObject({
      method: 'POST',
      url: spec.url,
      headers: spec.headers,
      body: spec.body,
      auth: spec.auth,
      settings: { verifyTls: false, followRedirects: true },
    })
  })
})

describe('parseCurl sends what curl sends', () => {
  it('knows every curl option: a value is never the URL, output-only options are named', () => {
    const { spec, problems } = parseCurl(
      'curl --trace-ascii log.txt -sS --sil --no-progress-meter -o out.json https://x.test/a --url-query q=1 --bogus',
    )
    expect(spec.url).toBe('https://x.test/a?q=1')
    expect(problems.map((p) => p.what)).toEqual([
      'option --bogus',
      'options --trace-ascii -s -S --sil --no-progress-meter -o',
    ])
    expect(parseCurl('curl --variable x=1 https://x.test').spec.url).toBe('https://x.test')
  })

  it('imports --aws-sigv4 as AWS Signature auth, as curl reads it', () => {
    const named = parseCurl(
      "curl --aws-sigv4 aws:amz:eu-west-1:s3 -u 'AKID:se:cret' -H 'x-amz-security-token: TOKEN' https://bucket.s3.amazonaws.com/k",
    )
    expect(named.spec.auth).toEqual({
      type: 'awsv4',
      config: { accessKey: 'AKID', secretKey: 'se:cret', sessionToken: 'TOKEN', region: 'eu-west-1', service: 's3' },
    })
    // The token is the auth's secret now, not a header row in clear.
    expect(named.spec.headers).toEqual([])
    expect(named.problems).toEqual([])
    // Region and service from the host when the option leaves them out, as curl does.
    const derived = parseCurl('curl --aws-sigv4 aws:amz -u A:B https://ec2.us-west-2.amazonaws.com/?Action=X')
    expect(derived.spec.auth).toMatchObject({ config: { region: 'us-west-2', service: 'ec2' } })
    // Copied as cURL it signs itself, and reads back as the same auth.
    const copied = generateCode(named.spec, 'curl')
    expect(copied.code).toContain('--aws-sigv4 aws:amz:eu-west-1:s3')
    expect(copied.notes.join(' ')).not.toMatch(/unsigned/)
    expect(parseCurl(copied.code).spec.auth).toEqual(named.spec.auth)
    const keyless = parseCurl('curl --aws-sigv4 osc:osc https://api.eu-west-2.outscale.com/x')
    expect(keyless.problems.map((p) => p.what)).toEqual(['option --aws-sigv4 osc:osc', 'AWS secret key'])
  })

  it('keeps the method as written and the query as typed', () => {
    expect(parseCurl('curl -X wHat localhost:1').spec.method).toBe('wHat')
    // As curl 7.88 sends them: spaces as +, the added part's escapes in lower case, the typed query untouched.
    const { spec } = parseCurl(
      `curl 'https://x.test/s?z=%2A&' --url-query 'n=x y*~' --url-query '+raw=a+%2A' --url-query é`,
    )
    expect(spec.url).toBe('https://x.test/s?z=%2A&n=x+y%2a~&raw=a+%2a&%c3%a9')
    expect(parseCurl(`curl 'https://x.test/s' -G -d 'a=%2A&b=x+y'`).spec.url).toBe('https://x.test/s?a=%2a&b=x+y')
  })

  it('reads -T, --range, --json, --oauth2-bearer, -H removals and cookies without =', () => {
    const upload = parseCurl('curl -T ./dir/report.csv https://x.test/up/')
    expect(upload.spec).toMatchObject({
      method: 'PUT',
      url: 'https://x.test/up/report.csv',
      body: { kind: 'binary', file: null },
    })
    expect(upload.problems[0]).toMatchObject({
      what: 'upload file ./dir/report.csv',
      reason: expect.stringMatching(/choose the file/),
    })
    const { spec } = parseCurl(
      `curl https://x.test --range 600 --json '{ "a": 1 }' --oauth2-bearer T0K -H 'User-Agent:' -H 'X-Empty;' -b 'a=b; c'`,
    )
    expect(spec).toMatchObject({
      method: 'POST',
      headers: [
        ['Range', 'bytes=600-', true],
        ['User-Agent', '', false],
        ['X-Empty', '', true],
        ['Accept', 'application/json', true],
      ],
      body: { kind: 'json', text: '{ "a": 1 }' },
      auth: { type: 'bearer', token: 'T0K' },
      cookies: 'a=b; c',
    })
  })

  it('keeps method and type for bodies read from files or standard input, and asks for the file', () => {
    const { spec, problems } = parseCurl(
      `curl -H 'Content-Type: text/xml' --data-binary @- https://x.test < add_params.xml`,
    )
    expect(spec).toMatchObject({
      method: 'POST',
      headers: [],
      body: { kind: 'binary', file: null, contentType: 'text/xml' },
    })
    expect(problems[0]).toMatchObject({
      what: 'body file add_params.xml',
      reason: expect.stringMatching(/choose the file/),
    })
    expect(parseCurl('curl -d @body.txt https://x.test').spec.body).toEqual({
      kind: 'binary',
      file: null,
      contentType: 'application/x-www-form-urlencoded',
    })
  })

  it('reads what echo, here-strings and here-documents put on standard input', () => {
    expect(parseCurl(`echo 'a=1' | curl --data @- https://x.test`).spec.body).toEqual({
      kind: 'form',
      fields: [['a', '1', true]],
    })
    const heredoc = parseCurl(
      'curl -X POST https://x.test -H "Content-Type: application/json" --data-binary @- <<DATA\n{"a":\n 1}\nDATA\n',
    )
    expect(heredoc.spec.body).toEqual({ kind: 'json', text: '{"a":\n 1}\n' })
    expect(parseCurl(`curl https://x.test --data-binary @- <<< 'x y'`).spec.body).toMatchObject({
      kind: 'raw',
      text: 'x y\n',
    })
  })

  it('turns $VAR and ${VAR} into {{VAR}}, skips # comments, keeps the form content type as typed', () => {
    const { spec } = parseCurl(
      `# get a token\ncurl "https://x.test/\${PATH_PART}" -H "Authorization: Bearer $TOKEN" -H 'X-Literal: $NOT' -H 'Content-Type: application/x-www-form-urlencoded; charset=UTF-8' -d 'a=1'`,
    )
    expect(spec.url).toBe('https://x.test/{{PATH_PART}}')
    expect(spec.headers).toEqual([
      ['Authorization', 'Bearer {{TOKEN}}', true],
      ['X-Literal', '$NOT', true],
      ['Content-Type', 'application/x-www-form-urlencoded; charset=UTF-8', true],
    ])
    expect(spec.body).toEqual({ kind: 'form', fields: [['a', '1', true]] })
  })
})

describe('looksLikeCurl', () => {
  it('sees a command behind leading comments and an echo pipe, not other text', async () => {
    const { looksLikeCurl } = await import('./parse-curl.js')
    expect(looksLikeCurl('# create the user\ncurl https://x.test')).toBe(true)
    expect(looksLikeCurl(`echo '{"a":1}' | curl --json @- https://x.test`)).toBe(true)
    expect(looksLikeCurl('openapi: 3.1.0\ninfo: {}')).toBe(false)
  })
})

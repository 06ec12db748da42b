import type { RequestBody, Row } from '../../request-spec.js'

/** One `-d`-family argument: literal text, or bytes curl reads from a file or standard input. */
export type DataPiece =
  | { kind: 'text'; text: string; json: boolean }
  | { kind: 'file'; path: string; json: boolean; stripNewlines: boolean; urlencodeName?: string }

/** What `echo … |`, `< file`, `<<< word` or a here-document put on curl's standard input. */
export type Stdin = { kind: 'text'; text: string } | { kind: 'file'; path: string } | { kind: 'unknown' }

/** curl_easy_escape: everything but ALPHA / DIGIT / `-._~` is %XX; curl 7.88's --data-urlencode writes a space as `+`. */
export function curlEscape(text: string): string {
  return Array.from(Buffer.from(text, 'utf8'))
    .map((byte) => {
      const c = String.fromCharCode(byte)
      if (/[A-Za-z0-9\-._~]/.test(c)) return c
      return `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
    })
    .join('')
}

/** `--data-urlencode` forms: `content`, `=content`, `name=content`, `@file`, `name@file` (the first `=` or `@` decides). */
export function dataUrlencodePiece(value: string): DataPiece {
  const at = /[=@]/.exec(value)
  if (!at) return { kind: 'text', text: curlEscape(value).replace(/%20/g, '+'), json: false }
  const name = value.slice(0, at.index)
  const rest = value.slice(at.index + 1)
  if (at[0] === '@') return { kind: 'file', path: rest, json: false, stripNewlines: false, urlencodeName: name }
  return { kind: 'text', text: `${name ? `${name}=` : ''}${curlEscape(rest).replace(/%20/g, '+')}`, json: false }
}

/** A piece whose bytes come from standard input, resolved when the pipe or here-string says what they are. */
export function fromStdin(piece: DataPiece, stdin: Stdin): DataPiece {
  if (piece.kind !== 'file' || piece.path !== '-') return piece
  if (stdin.kind === 'file') return { ...piece, path: stdin.path }
  if (stdin.kind === 'unknown') return piece
  let text = piece.stripNewlines ? stdin.text.replace(/[\r\n]/g, '') : stdin.text
  if (piece.urlencodeName !== undefined)
    text = `${piece.urlencodeName ? `${piece.urlencodeName}=` : ''}${curlEscape(text).replace(/%20/g, '+')}`
  return { kind: 'text', text, json: piece.json }
}

/** The pieces as curl joins them: `&` between `-d`s, nothing before a `--json`. */
export function joinPieces(pieces: readonly DataPiece[]): string {
  return pieces.map((p, i) => `${i > 0 && !p.json ? '&' : ''}${p.kind === 'text' ? p.text : ''}`).join('')
}

function formEncode(text: string): string {
  // What Courier's engine writes for a form row (application/x-www-form-urlencoded, space as +).
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+')
}

function decodeForm(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return undefined
  }
}

/**
 * The body as a form table when Courier's engine would write exactly these bytes back
 * (`a=1&b=x+y`); otherwise undefined and the text is sent as it is (`123`, `a=%20b`, `x=@raw`).
 */
export function losslessForm(text: string): Row[] | undefined {
  if (text === '' || text.includes('{{')) return undefined
  const rows: Row[] = []
  for (const piece of text.split('&')) {
    const eq = piece.indexOf('=')
    if (eq <= 0) return undefined
    const name = decodeForm(piece.slice(0, eq))
    const value = decodeForm(piece.slice(eq + 1))
    if (name === undefined || value === undefined) return undefined
    if (`${formEncode(name)}=${formEncode(value)}` !== piece) return undefined
    rows.push([name, value, true])
  }
  return rows
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

const FORM_TYPE = 'application/x-www-form-urlencoded'

/**
 * The body for text curl sends verbatim with `contentType` (the person's header, else curl's
 * default for -d). Returns whether the person's Content-Type row stays: it is dropped only when
 * the body kind sets exactly that type itself.
 */
export function textBody(
  text: string,
  contentType: string | undefined,
  json: boolean,
): { body: RequestBody; keepTypeRow: boolean } {
  const type = contentType ?? (json ? 'application/json' : FORM_TYPE)
  const media = type.split(';')[0]!.trim().toLowerCase()
  if (/json/.test(media) && isJson(text) && text.trim() !== '')
    return {
      body: { kind: 'json', text },
      keepTypeRow: contentType !== undefined && type.trim() !== 'application/json',
    }
  if (media === FORM_TYPE) {
    const fields = losslessForm(text)
    if (fields)
      return { body: { kind: 'form', fields }, keepTypeRow: contentType !== undefined && type.trim() !== FORM_TYPE }
  }
  return { body: { kind: 'raw', text, contentType: type }, keepTypeRow: false }
}

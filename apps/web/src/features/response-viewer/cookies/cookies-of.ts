import { cookiesFromHeaders, type ResponseRecord, type SetCookie } from '@courier/shared'

/**
 * The cookies this send set, parsed from every Set-Cookie on the way (redirect hops included).
 * The engine's own parse (record.cookies) wins when it has one: it also knows what the jar kept.
 */
export function cookiesOf(record: Pick<ResponseRecord, 'cookies' | 'headers' | 'hops'>): SetCookie[] {
  if (record.cookies.length > 0) return record.cookies
  return [...record.hops.flatMap((hop) => cookiesFromHeaders(hop.headers)), ...cookiesFromHeaders(record.headers)]
}

const PHASE_WORDS: Record<string, string> = {
  validate: 'before sending',
  resolve: 'while looking up the host',
  connect: 'while connecting',
  tls: 'during the TLS handshake',
  send: 'while sending',
  receive: 'while receiving',
  decode: 'while decoding the body',
  redirect: 'while following a redirect',
  store: 'while saving',
  auth: 'while authenticating',
}

/** When a send failed, in words ("while connecting"); undefined for a phase without words. */
export function phaseWords(phase: string | undefined): string | undefined {
  return phase ? PHASE_WORDS[phase] : undefined
}

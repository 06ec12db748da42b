/** Hex (spaces, colons and 0x allowed) as base64, or null when it is not hex bytes. */
export function hexToBase64(hex: string): string | null {
  const clean = hex.replace(/0x/gi, '').replace(/[\s:,]/g, '')
  if (clean.length % 2 !== 0 || /[^0-9a-f]/i.test(clean)) return null
  let binary = ''
  for (let i = 0; i < clean.length; i += 2) binary += String.fromCharCode(parseInt(clean.slice(i, i + 2), 16))
  return btoa(binary)
}

export function isBase64(text: string): boolean {
  const clean = text.replace(/\s/g, '')
  return clean.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(clean)
}

export type ComposerFormat = 'text' | 'json' | 'base64' | 'hex'

/** The composer's message as the wire format wants it, or the sentence that says why it cannot be sent. */
export function encodeMessage(
  format: ComposerFormat,
  text: string,
): { format: 'text' | 'json' | 'binary'; data: string } | { problem: string } {
  if (format === 'text') return { format: 'text', data: text }
  if (format === 'json') return { format: 'json', data: text }
  if (format === 'hex') {
    const data = hexToBase64(text)
    return data === null
      ? { problem: 'The message is not hex bytes (like 48 65 6c 6c 6f).' }
      : { format: 'binary', data }
  }
  return isBase64(text)
    ? { format: 'binary', data: text.replace(/\s/g, '') }
    : { problem: 'The message is not base64.' }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** A character XML 1.0 forbids (controls other than tab, line feed and carriage return; U+FFFE, U+FFFF). */
function forbidden(char: string): boolean {
  const code = char.charCodeAt(0)
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff
}

/** Text safe inside an XML or HTML element or a quoted attribute; characters XML 1.0 forbids are dropped. */
export function escapeMarkup(text: string): string {
  let out = ''
  for (const char of text) if (!forbidden(char)) out += ENTITIES[char] ?? char
  return out
}

export function seconds(ms: number): string {
  return (ms / 1000).toFixed(3)
}

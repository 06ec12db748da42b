import type { Row } from '@courier/shared'

/** Rows as editable text: `name: value` per line, `//` in front of a disabled row (Postman's bulk edit). */
export function rowsToText(rows: readonly Row[]): string {
  return rows.map(([name, value, enabled]) => `${enabled ? '' : '//'}${name}: ${value}`).join('\n')
}

export function textToRows(text: string): Row[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line): Row => {
      const disabled = line.trimStart().startsWith('//')
      const body = disabled ? line.trimStart().slice(2) : line
      const colon = body.indexOf(':')
      if (colon === -1) return [body.trim(), '', !disabled]
      return [body.slice(0, colon).trim(), body.slice(colon + 1).replace(/^ /, ''), !disabled]
    })
}

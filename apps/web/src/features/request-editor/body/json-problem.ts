/** Where a JSON text stops parsing, in words; null when it parses (or is empty). */
export function jsonProblem(text: string): string | null {
  if (text.trim() === '') return null
  try {
    JSON.parse(text)
    return null
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const at = /position (\d+)/.exec(message)
    if (!at) return `Invalid JSON: ${message}`
    const before = text.slice(0, Number(at[1]))
    return `Invalid JSON at line ${before.split('\n').length}, column ${Number(at[1]) - before.lastIndexOf('\n')}`
  }
}

import { Writable } from 'node:stream'

/** A log stream for buildTestApp's `logStream` whose lines a test can wait for (background work says when it is done). */
export function logLines(): { stream: Writable; line: (pattern: RegExp) => Promise<string> } {
  const lines: string[] = []
  const waiting: { pattern: RegExp; resolve: (line: string) => void }[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        lines.push(line)
        for (const w of waiting.filter((w) => w.pattern.test(line))) w.resolve(line)
      }
      done()
    },
  })
  const line = (pattern: RegExp) =>
    new Promise<string>((resolve) => {
      const found = lines.find((l) => pattern.test(l))
      if (found) resolve(found)
      else waiting.push({ pattern, resolve })
    })
  return { stream, line }
}

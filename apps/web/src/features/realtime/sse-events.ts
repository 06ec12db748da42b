import type { Frame } from '@courier/shared'

/** An event stream as kept in history (byte-exact text) read back as event frames, as EventSource would. */
export function framesOfEventStream(text: string, at: number): Frame[] {
  const frames: Frame[] = []
  const blocks = text.replace(/\r\n?/g, '\n').split(/\n\n/)
  for (const block of blocks) {
    const data: string[] = []
    const frame: Partial<Frame> = {}
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue
      const colon = line.indexOf(':')
      const field = colon === -1 ? line : line.slice(0, colon)
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '')
      if (field === 'data') data.push(value)
      else if (field === 'event') frame.event = value
      else if (field === 'id') frame.id = value
      else if (field === 'retry' && /^\d+$/.test(value)) frame.retry = Number(value)
    }
    if (data.length === 0 && frame.event === undefined && frame.id === undefined) continue
    const payload = data.join('\n')
    frames.push({
      ...frame,
      seq: frames.length + 1,
      at,
      dir: 'in',
      type: 'event',
      size: new TextEncoder().encode(payload).length,
      data: payload,
      encoding: 'utf8',
    })
  }
  return frames
}

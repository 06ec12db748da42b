import { formatBytes, type Frame } from '@courier/shared'

export const DIRECTION_LABEL: Record<Frame['dir'], string> = { out: 'Sent', in: 'Received', info: 'Info' }
export const DIRECTION_ARROW: Record<Frame['dir'], string> = { out: '↑', in: '↓', info: '•' }

/** HH:MM:SS.mmm in local time. */
export function frameTime(at: number): string {
  const d = new Date(at)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`
}

/** The Type column: text, binary, ping…, close 1000, or the event's name. */
export function frameTypeLabel(frame: Frame): string {
  if (frame.type === 'close') return frame.code !== undefined ? `close ${frame.code}` : 'close'
  if (frame.type === 'event' && frame.event) return frame.event
  return frame.type
}

/** One line of data for the timeline (binary as hex bytes). */
export function frameSummary(frame: Frame, max = 300): string {
  let text = frame.encoding === 'base64' ? hexBytes(base64Bytes(frame.data).subarray(0, 64)) : frame.data
  if (frame.type === 'close' && frame.reason) text = frame.reason
  text = text.replace(/\s+/g, ' ')
  return text.length > max ? `${text.slice(0, max)}…` : text
}

export function frameSize(frame: Frame): string {
  return formatBytes(frame.size)
}

export function base64Bytes(data: string): Uint8Array {
  try {
    const binary = atob(data)
    const bytes = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
    return bytes
  } catch {
    return new Uint8Array()
  }
}

function hexBytes(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ')
}

/** The frame's text pretty-printed when it is JSON, else as it is. */
export function prettyData(data: string): { text: string; json: boolean } {
  const trimmed = data.trim()
  if (!/^[[{]/.test(trimmed)) return { text: data, json: false }
  try {
    return { text: JSON.stringify(JSON.parse(trimmed), null, 2), json: true }
  } catch {
    return { text: data, json: false }
  }
}

export type FrameFilter = { dir: 'all' | Frame['dir']; type: 'all' | Frame['type']; search: string }

export const NO_FILTER: FrameFilter = { dir: 'all', type: 'all', search: '' }

export function matchesFilter(frame: Frame, filter: FrameFilter, needle = filter.search.toLowerCase()): boolean {
  if (filter.dir !== 'all' && frame.dir !== filter.dir) return false
  if (filter.type !== 'all' && frame.type !== filter.type) return false
  if (!needle) return true
  return (
    frame.data.toLowerCase().includes(needle) ||
    (frame.event?.toLowerCase().includes(needle) ?? false) ||
    (frame.reason?.toLowerCase().includes(needle) ?? false)
  )
}

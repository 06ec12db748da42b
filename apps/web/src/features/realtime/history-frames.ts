import { FRAMES_CONTENT_TYPE, FrameSchema, responseBodyPath, type Frame } from '@courier/shared'
import { fetchBody } from '../../shared/api/fetch-body'
import { framesOfEventStream } from './sse-events'

/** A timeline kept as JSON lines (FRAMES_CONTENT_TYPE), one frame a line; lines that are not frames are skipped. */
export function framesOfJsonLines(text: string): Frame[] {
  const frames: Frame[] = []
  for (const line of text.split('\n')) {
    if (!line.trim()) continue
    try {
      const parsed = FrameSchema.safeParse(JSON.parse(line))
      if (parsed.success) frames.push(parsed.data)
    } catch {
      /* not a frame */
    }
  }
  return frames
}

/** The frames of a session kept in history: its body as JSON lines, or (SSE) the event stream itself. */
export async function loadHistoryFrames(responseId: string, at: number, signal?: AbortSignal): Promise<Frame[]> {
  const response = await fetchBody(responseBodyPath(responseId), { signal })
  const text = await response.text()
  const isFrames = (response.headers.get('content-type') ?? '').startsWith(FRAMES_CONTENT_TYPE)
  return isFrames ? framesOfJsonLines(text) : framesOfEventStream(text, at)
}

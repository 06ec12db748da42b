/** The two messages between the response viewer and the sandboxed visualizer page. */
export const FRAME_READY = 'courier-visualizer-ready'
export const FRAME_RENDER = 'courier-visualizer-render'

export type FrameReady = { type: typeof FRAME_READY }
export type FrameRender = { type: typeof FRAME_RENDER; template: string; data: unknown; theme: 'light' | 'dark' }

export function isFrameRender(message: unknown): message is FrameRender {
  const m = message as Partial<FrameRender> | null
  return typeof m === 'object' && m !== null && m.type === FRAME_RENDER && typeof m.template === 'string'
}

export function isFrameReady(message: unknown): message is FrameReady {
  return typeof message === 'object' && message !== null && (message as FrameReady).type === FRAME_READY
}

/**
 * The frame's own copy of frame-protocol.ts's message types. The frame page's script is inlined
 * whole by the server, so it may share no module (no chunk) with the app; a test keeps the two equal.
 */
export const FRAME_READY = 'courier-visualizer-ready'
export const FRAME_RENDER = 'courier-visualizer-render'

export type FrameRender = { type: typeof FRAME_RENDER; template: string; data: unknown; theme: 'light' | 'dark' }

export function isFrameRender(message: unknown): message is FrameRender {
  const m = message as Partial<FrameRender> | null
  return typeof m === 'object' && m !== null && m.type === FRAME_RENDER && typeof m.template === 'string'
}

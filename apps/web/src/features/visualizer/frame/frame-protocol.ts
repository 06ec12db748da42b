/**
 * The two messages between the response viewer and the sandboxed visualizer page, as the app
 * sends and reads them (the frame has its own copy, frame-messages.ts: it may share no chunk).
 */
export const FRAME_READY = 'courier-visualizer-ready'
export const FRAME_RENDER = 'courier-visualizer-render'

export type FrameRender = { type: typeof FRAME_RENDER; template: string; data: unknown; theme: 'light' | 'dark' }

export function isFrameReady(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === FRAME_READY
}

import { describe, expect, it } from 'vitest'
import * as frame from './frame-messages'
import * as app from './frame-protocol'

describe('the visualizer frame’s messages', () => {
  it('are the ones the app sends and waits for', () => {
    expect(frame.FRAME_READY).toBe(app.FRAME_READY)
    expect(frame.FRAME_RENDER).toBe(app.FRAME_RENDER)
    expect(app.isFrameReady({ type: frame.FRAME_READY })).toBe(true)
    expect(app.isFrameReady({ type: 'other' })).toBe(false)
  })

  it('renders only a message with a template', () => {
    const render = { type: app.FRAME_RENDER, template: '<b>{{x}}</b>', data: { x: 1 }, theme: 'dark' }
    expect(frame.isFrameRender(render)).toBe(true)
    expect(frame.isFrameRender({ ...render, template: 1 })).toBe(false)
    expect(frame.isFrameRender(null)).toBe(false)
  })
})

import { useEffect, useRef } from 'react'
import { FRAME_RENDER, isFrameReady, type FrameRender } from './frame/frame-protocol'
import './visualizer.css'

/** Where the frame's page is: served by Courier with its own CSP (apps/proxy/src/plugins/visualizer-page.ts). */
export const VISUALIZER_PAGE = '/visualizer.html'

export type Visualization = { template: string; data?: unknown }

/**
 * `pm.visualizer.set(template, data)` rendered in `<iframe sandbox="allow-scripts">`: an opaque
 * origin, so the template's scripts see no cookie, storage or token of Courier's and the API
 * refuses them. The frame says when it is ready; it then gets the template and data once.
 */
export function VisualizerView({ visualizer }: { visualizer: Visualization }) {
  const frame = useRef<HTMLIFrameElement>(null)
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      const target = frame.current?.contentWindow
      if (!target || event.source !== target || !isFrameReady(event.data)) return
      const theme = document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light'
      const message: FrameRender = { type: FRAME_RENDER, template: visualizer.template, data: visualizer.data, theme }
      // An opaque origin has no name to target: '*' reaches exactly this frame's window.
      target.postMessage(message, '*')
    }
    window.addEventListener('message', onMessage)
    return () => window.removeEventListener('message', onMessage)
  }, [visualizer])
  return (
    <div className="visualizer">
      <iframe
        ref={frame}
        className="visualizer__frame"
        title="Visualization"
        sandbox="allow-scripts"
        src={VISUALIZER_PAGE}
        referrerPolicy="no-referrer"
      />
    </div>
  )
}

import { FRAME_READY, isFrameRender } from './frame-messages'
import { mountHtml, renderTemplate } from './render-template'

/*
 * The page inside the visualizer's iframe (sandbox="allow-scripts", no same origin, its own CSP:
 * apps/proxy/src/plugins/visualizer-page.ts). It takes one {template, data} from the parent,
 * renders it with Handlebars and offers the template's scripts `pm.getData(cb)` as Postman does.
 */
declare global {
  interface Window {
    pm: { getData: (callback: (error: unknown, data: unknown) => void) => void }
  }
}

/** A readable default for templates that bring no styles of their own (theirs come later and win). */
const base = document.createElement('style')
base.textContent = 'body { margin: 12px; font: 14px/1.45 system-ui, sans-serif; }'
document.head.append(base)

let data: unknown
let rendered = false
window.pm = { getData: (callback) => callback(null, data) }

window.addEventListener('message', (event) => {
  if (event.source !== window.parent || rendered || !isFrameRender(event.data)) return
  rendered = true
  data = event.data.data
  document.documentElement.style.colorScheme = event.data.theme
  const result = renderTemplate(event.data.template, data)
  if ('error' in result) {
    const note = document.createElement('p')
    note.setAttribute('role', 'alert')
    note.textContent = result.error
    document.body.replaceChildren(note)
    return
  }
  void mountHtml(document.body, result.html)
})

window.parent.postMessage({ type: FRAME_READY }, '*')

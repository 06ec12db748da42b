import { readFile } from 'node:fs/promises'
import { join, normalize } from 'node:path'
import type { FastifyInstance } from 'fastify'

export const VISUALIZER_PATH = '/visualizer.html'

/**
 * The visualizer page's own CSP. It runs in `<iframe sandbox="allow-scripts">` (an opaque origin:
 * no cookies, no storage, and the gate refuses its `Origin: null`) and renders a test script's
 * Handlebars template: inline scripts and eval (Handlebars compiles templates with `new Function`),
 * images, styles, fonts and scripts from https: or data:, and nothing from Courier (no 'self'
 * anywhere: its one script is inlined), no fetch/XHR/WebSocket at all, framed only by Courier.
 */
export const VISUALIZER_CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline' 'unsafe-eval' https:",
  "style-src 'unsafe-inline' https:",
  'img-src data: blob: https:',
  'font-src data: https:',
  "connect-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'self'",
].join('; ')

const MISSING = `<!doctype html><meta charset="utf-8"><title>Visualization</title>
<p>The visualizer page is not built. Run <code>pnpm --filter @courier/web build</code>.</p>`

const SCRIPT_TAG = /<script type="module" crossorigin src="(\/assets\/[\w.-]+\.js)"><\/script>/g

/** Vite's visualizer.html with its one module script inlined, so the sandboxed page loads nothing from Courier. */
export async function inlinedVisualizerPage(webDist: string): Promise<string | null> {
  let html: string
  try {
    html = await readFile(join(webDist, 'visualizer.html'), 'utf8')
  } catch {
    return null
  }
  const scripts = new Map<string, string>()
  for (const [, src] of html.matchAll(SCRIPT_TAG)) {
    const path = normalize(join(webDist, src!))
    if (!path.startsWith(normalize(join(webDist, 'assets')))) return null
    scripts.set(src!, (await readFile(path, 'utf8')).replaceAll('</script', '<\\/script'))
  }
  return html.replace(SCRIPT_TAG, (_tag, src: string) => `<script type="module">${scripts.get(src)}</script>`)
}

/** `GET /visualizer.html`: a public route (security-gate.ts) that serves only this one static page. */
export function visualizerRoute(fastify: FastifyInstance, webDist: string | null) {
  let page: Promise<string | null> | null = null
  fastify.get(VISUALIZER_PATH, async (_request, reply) => {
    page ??= webDist ? inlinedVisualizerPage(webDist) : Promise.resolve(null)
    const html = await page
    if (html === null) page = null
    reply.removeHeader('x-frame-options')
    return reply
      .header('content-security-policy', VISUALIZER_CSP)
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .code(html === null ? 404 : 200)
      .send(html ?? MISSING)
  })
}

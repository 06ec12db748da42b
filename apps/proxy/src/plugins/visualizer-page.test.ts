import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildTestApp, TEST_PORT, tempDataDir } from '../test/build-test-app.js'
import { VISUALIZER_CSP } from './visualizer-page.js'

const host = `127.0.0.1:${TEST_PORT}`

/** A web build as Vite lays it out: the app's page and the visualizer's, each with its script in assets/. */
function webBuild(withVisualizer = true): string {
  const webDist = join(tempDataDir(), 'web')
  mkdirSync(join(webDist, 'assets'), { recursive: true })
  writeFileSync(
    join(webDist, 'index.html'),
    '<!doctype html><html><head><title>Courier</title></head><body></body></html>',
  )
  if (withVisualizer) {
    writeFileSync(
      join(webDist, 'visualizer.html'),
      '<!doctype html><html><head><script type="module" crossorigin src="/assets/visualizer-abc.js"></script></head><body></body></html>',
    )
    writeFileSync(join(webDist, 'assets', 'visualizer-abc.js'), 'document.title = "</script>rendered"')
  }
  return webDist
}

const directives = (csp: string) =>
  new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/) as [string, ...string[]])
      .map(([k, ...v]) => [k, v]),
  )

describe('the visualizer page', () => {
  it('is served to anyone, with its own CSP: inline scripts and eval, nothing from Courier, no fetch', async () => {
    const app = await buildTestApp({ webDist: webBuild() })
    const page = await app.inject({ method: 'GET', url: '/visualizer.html', headers: { host } })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    const csp = String(page.headers['content-security-policy'])
    expect(csp).toBe(VISUALIZER_CSP)
    const policy = directives(csp)
    expect(policy.get('default-src')).toEqual(["'none'"])
    expect(policy.get('script-src')).toEqual(expect.arrayContaining(["'unsafe-inline'", "'unsafe-eval'"]))
    expect(policy.get('connect-src')).toEqual(["'none'"])
    expect(policy.get('frame-ancestors')).toEqual(["'self'"])
    expect(csp).not.toMatch(/(script|connect|default)-src[^;]*'self'/)
    // Framed by Courier's page, so the gate's blanket DENY gives way to frame-ancestors.
    expect(page.headers['x-frame-options']).toBeUndefined()
    // Its one script is inlined (an opaque origin could not load a module script without CORS).
    expect(page.body).toContain('<script type="module">document.title = "<\\/script>rendered"</script>')
    expect(page.body).not.toContain('src=')
  })

  it('leaves the app page its own strict CSP and DENY', async () => {
    const app = await buildTestApp({ webDist: webBuild() })
    const { page } = await app.signIn()
    const index = await page({ method: 'GET', url: '/' })
    expect(index.statusCode).toBe(200)
    expect(index.headers['content-security-policy']).not.toContain('unsafe-eval')
    expect(index.headers['x-frame-options']).toBe('DENY')
  })

  it('says so when the web app was built without it', async () => {
    const app = await buildTestApp({ webDist: webBuild(false) })
    const page = await app.inject({ method: 'GET', url: '/visualizer.html', headers: { host } })
    expect(page.statusCode).toBe(404)
    expect(page.body).toContain('The visualizer page is not built')
  })

  it('cannot reach the API: the gate refuses its Origin null even with the session cookie', async () => {
    const app = await buildTestApp({ webDist: webBuild() })
    const { cookie } = await app.signIn()
    const headers = { host, cookie }
    expect((await app.inject({ method: 'GET', url: '/api/history', headers })).statusCode).toBe(200)
    const framed = await app.inject({ method: 'GET', url: '/api/history', headers: { ...headers, origin: 'null' } })
    expect(framed.statusCode).toBe(403)
    expect(framed.json()).toMatchObject({ error: { code: 'ORIGIN_NOT_ALLOWED' } })
  })
})

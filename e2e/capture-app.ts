import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A front end on its own local port (another origin than Courier's): the pages the capture and
 * mock specs open in a second browser page. Each page's buttons call an API with fetch and write
 * what came back (or that the fetch failed) into its "Result" output.
 */
export class CaptureApp {
  private server: Server | null = null
  private readonly pages = new Map<string, string>()
  port = 0

  /** The origin as a page served from 127.0.0.1 has it; `localhost` is another origin on the same server. */
  origin(host: '127.0.0.1' | 'localhost' = '127.0.0.1'): string {
    return `http://${host}:${this.port}`
  }

  url(path: string, host: '127.0.0.1' | 'localhost' = '127.0.0.1'): string {
    return `${this.origin(host)}${path}`
  }

  /** Serves `html` at `path` (a page a test builds). */
  serve(path: string, html: string): void {
    this.pages.set(path, html)
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const html = this.pages.get(new URL(request.url ?? '/', 'http://app').pathname)
      response.statusCode = html ? 200 : 404
      response.setHeader('content-type', 'text/html; charset=utf-8')
      response.end(html ?? '<!doctype html><title>Not found</title>')
    })
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    this.port = (this.server.address() as AddressInfo).port
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }
}

export type PageCall = {
  /** The button's text. */
  label: string
  url: string
  method?: string
  headers?: Record<string, string>
  /** Sent as JSON. */
  json?: unknown
}

/** A page with one button per call; each click writes `STATUS BODY` or `failed: …` into the Result output. */
export function callerPage(title: string, calls: PageCall[]): string {
  const buttons = calls
    .map((call, index) => `<button type="button" data-call="${index}">${call.label}</button>`)
    .join('\n')
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title></head>
<body>
<h1>${title}</h1>
${buttons}
<output aria-label="Result" aria-live="polite"></output>
<script>
const calls = ${JSON.stringify(calls)};
const result = document.querySelector('output');
for (const button of document.querySelectorAll('button[data-call]')) {
  button.addEventListener('click', async () => {
    const call = calls[Number(button.dataset.call)];
    result.textContent = 'calling';
    const init = { method: call.method || 'GET', headers: { ...(call.headers || {}) } };
    if (call.json !== undefined) {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(call.json);
    }
    try {
      const response = await fetch(call.url, init);
      result.textContent = response.status + ' ' + (await response.text());
    } catch (error) {
      result.textContent = 'failed: ' + error.message;
    }
  });
}
</script>
</body>
</html>`
}

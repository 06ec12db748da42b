import { createHash } from 'node:crypto'
import { OAUTH_BROADCAST_CHANNEL, OAUTH_CALLBACK_PATH } from '@courier/shared'

/** What the popup shows: done (it closes), an error (it stays), or "read the fragment" (implicit). */
export type CallbackOutcome =
  | { mode: 'done'; flowId: string; title: string; message: string }
  | { mode: 'error'; flowId: string | null; title: string; message: string; code: string }
  | { mode: 'fragment' }

const STYLE = `
:root{color-scheme:light dark;--bg:#f5f6f8;--fg:#1b1f24;--muted:#5d6875;--card:#fff;--line:#dfe3e8;--bad:#c92a2a;--ok:#2b8a3e}
@media (prefers-color-scheme:dark){:root{--bg:#0d0f13;--fg:#e4e7eb;--muted:#9aa3ae;--card:#14171d;--line:#272c35;--bad:#ff6b6b;--ok:#51cf66}}
body{margin:0;min-height:100vh;display:grid;place-items:center;background:var(--bg);color:var(--fg);font:14px/1.5 system-ui,sans-serif}
main{max-width:440px;margin:24px;padding:24px 28px;background:var(--card);border:1px solid var(--line);border-radius:8px}
h1{margin:0 0 8px;font-size:17px}
main[data-mode=done] h1{color:var(--ok)}main[data-mode=error] h1{color:var(--bad)}
p{margin:0 0 10px;overflow-wrap:anywhere}.code{font:12px ui-monospace,monospace;color:var(--bad)}.hint{color:var(--muted);font-size:12px}
a{color:inherit}`

/** Static: the page's data rides in data- attributes, so one hash allows the one script (CSP). */
const SCRIPT = `(function () {
  var main = document.getElementById('result');
  var mode = main.getAttribute('data-mode');
  var fragment = location.hash.slice(1);
  // RFC 9700 §4.2-4.3: the code or token leaves the address bar and the history at once.
  history.replaceState(null, '', location.pathname);
  function show(title, message, code) {
    document.getElementById('title').textContent = title;
    document.getElementById('message').textContent = message;
    document.getElementById('code').textContent = code || '';
  }
  function notify(flowId) {
    if (!flowId || typeof BroadcastChannel !== 'function') return;
    var channel = new BroadcastChannel(${JSON.stringify(OAUTH_BROADCAST_CHANNEL)});
    channel.postMessage({ type: 'flow-updated', flowId: flowId });
    channel.close();
  }
  function finish(ok, flowId) {
    document.getElementById('hint').textContent = ok ? 'Courier has the result; this window closes by itself.' : flowId ? 'The Auth tab in Courier shows this step too.' : 'Nothing was exchanged and nothing in Courier changed.';
    if (ok) setTimeout(function () { window.close(); }, 700);
  }
  if (mode !== 'fragment') { notify(main.getAttribute('data-flow')); finish(mode === 'done', main.getAttribute('data-flow')); return; }
  if (!fragment) { show('Nothing to finish', 'This page finishes sign-ins started in Courier, and this visit carried no parameters.', 'OAUTH_STATE_MISSING'); finish(false, null); return; }
  var pairs = [];
  new URLSearchParams(fragment).forEach(function (value, key) { pairs.push([key, value]); });
  fetch(${JSON.stringify(OAUTH_CALLBACK_PATH)}, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ params: pairs }), credentials: 'same-origin' })
    .then(function (response) { return response.json(); })
    .then(function (result) { main.setAttribute('data-mode', result.ok ? 'done' : 'error'); show(result.title, result.message, result.code); notify(result.flowId); finish(result.ok, result.flowId); })
    .catch(function () { show('Courier did not answer', 'Is courier serve still running?', 'INTERNAL'); finish(false, null); });
})();`

const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`

/** No third-party anything, no inline code but the hashed script and style (docs/security.md#oauth). */
export const CALLBACK_CSP = [
  "default-src 'none'",
  `script-src ${hash(SCRIPT)}`,
  `style-src ${hash(STYLE)}`,
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

/** The callback page; every text from the provider or the URL is escaped (docs/security.md#oauth). */
export function callbackPage(outcome: CallbackOutcome): string {
  const title = outcome.mode === 'fragment' ? 'Finishing sign-in…' : outcome.title
  const message = outcome.mode === 'fragment' ? 'Handing the result to Courier.' : outcome.message
  const code = outcome.mode === 'error' ? outcome.code : ''
  const flow = outcome.mode === 'fragment' ? '' : (outcome.flowId ?? '')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Courier · ${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main id="result" data-mode="${outcome.mode}" data-flow="${escapeHtml(flow)}">
<h1 id="title">${escapeHtml(title)}</h1>
<p id="message">${escapeHtml(message)}</p>
<p id="code" class="code">${escapeHtml(code)}</p>
<p id="hint" class="hint"></p>
<p class="hint"><a href="/">Open Courier</a></p>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`
}

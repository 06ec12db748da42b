/** The team server's own pages (sign-in, set password): plain HTML forms, no script, styled for light and dark. */

export const TEAM_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

const STYLE = `
:root{color-scheme:light dark;--bg:#f4f5f7;--card:#fff;--text:#1d2433;--muted:#5b6475;--line:#c9ced8;--accent:#2f5fd0;--accent-text:#fff;--error-bg:#fdecec;--error:#a12121;--note-bg:#e8f3ec;--note:#1f6b3a}
@media (prefers-color-scheme:dark){:root{--bg:#14161b;--card:#1d2027;--text:#e4e7ee;--muted:#a3aabb;--line:#3a404d;--accent:#6d93f2;--accent-text:#0c1220;--error-bg:#3a1d1f;--error:#ffb4b4;--note-bg:#17311f;--note:#9fe0b3}}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:var(--bg);color:var(--text);font:16px/1.5 system-ui,sans-serif;padding:1.5rem}
main{width:100%;max-width:24rem;background:var(--card);border:1px solid var(--line);border-radius:12px;padding:2rem 2rem 1.75rem;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.brand{margin:0 0 .25rem;font-size:.85rem;font-weight:600;letter-spacing:.04em;text-transform:uppercase;color:var(--muted)}
h1{margin:0 0 1.25rem;font-size:1.5rem;line-height:1.25}
p{margin:0 0 1rem}
.lead{color:var(--muted)}
label{display:block;font-weight:600;font-size:.95rem;margin:0 0 .35rem}
input{display:block;width:100%;font:inherit;padding:.55rem .7rem;margin:0 0 1rem;border:1px solid var(--line);border-radius:8px;background:var(--bg);color:var(--text)}
input:focus{outline:2px solid var(--accent);outline-offset:1px;border-color:var(--accent)}
button{display:block;width:100%;font:inherit;font-weight:600;padding:.6rem 1rem;margin-top:.5rem;border:0;border-radius:8px;background:var(--accent);color:var(--accent-text);cursor:pointer}
button:focus-visible,.button:focus-visible{outline:2px solid var(--text);outline-offset:2px}
.button{display:block;text-align:center;text-decoration:none;font-weight:600;padding:.6rem 1rem;border-radius:8px;background:var(--accent);color:var(--accent-text)}
.or{display:flex;align-items:center;gap:.75rem;color:var(--muted);font-size:.9rem;margin:1.25rem 0}
.or::before,.or::after{content:"";flex:1;border-top:1px solid var(--line)}
.error,.note{border-radius:8px;padding:.6rem .8rem;margin:0 0 1.25rem;font-size:.95rem}
.error{background:var(--error-bg);color:var(--error)}
.note{background:var(--note-bg);color:var(--note)}
code{font:14px ui-monospace,monospace;padding:.1em .3em;border-radius:4px;background:rgba(127,127,127,.18)}
`

/** A whole page: a card with the product name, a heading and the given body. */
export function teamPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark">
<title>${escapeHtml(title)} — Courier</title><style>${STYLE}</style></head>
<body><main><p class="brand">Courier</p><h1>${escapeHtml(title)}</h1>${body}</main></body></html>
`
}

export function messages(options: { error?: string; note?: string }): string {
  return (
    (options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>` : '') +
    (options.note ? `<p class="note" role="status">${escapeHtml(options.note)}</p>` : '')
  )
}

/** `oidc`: the provider's name, for a "Sign in with <name>" link above the password form. */
export function signInPage(options: { email?: string; error?: string; note?: string; oidc?: string }): string {
  const provider = options.oidc
    ? `<p><a class="button" href="/sign-in/oidc">Sign in with ${escapeHtml(options.oidc)}</a></p><p class="or"><span>or with your email and password</span></p>`
    : ''
  return teamPage(
    'Sign in',
    `${messages(options)}${provider}<form method="post" action="/sign-in">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(options.email ?? '')}"${options.email ? '' : ' autofocus'}>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required${options.email ? ' autofocus' : ''}>
<button type="submit">Sign in</button></form>`,
  )
}

export function setPasswordPage(options: { token: string; email: string; error?: string }): string {
  return teamPage(
    'Choose your password',
    `<p class="lead">For <strong>${escapeHtml(options.email)}</strong>. Use at least 10 characters; you sign in with it from now on.</p>${messages(options)}<form method="post" action="/set-password">
<input type="hidden" name="token" value="${escapeHtml(options.token)}">
<input type="email" name="email" value="${escapeHtml(options.email)}" autocomplete="username" hidden>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="new-password" minlength="10" required autofocus>
<label for="confirm">Confirm password</label><input id="confirm" name="confirm" type="password" autocomplete="new-password" minlength="10" required>
<button type="submit">Set password</button></form>`,
  )
}

export function linkSpentPage(sentence: string): string {
  return teamPage(
    'This link cannot be used',
    `<p class="error" role="alert">${escapeHtml(sentence)}</p><p><a href="/sign-in">Go to sign-in</a></p>`,
  )
}

/** After an OpenID Connect callback: the session cookie is set; a same-site navigation (not a redirect from the provider) brings it along. */
export function continuePage(): string {
  return teamPage(
    'Signed in',
    `<p class="note" role="status">You are signed in.</p><p><a href="/">Continue to Courier</a></p>`,
  ).replace(
    '<meta name="color-scheme" content="light dark">',
    '<meta name="color-scheme" content="light dark"><meta http-equiv="refresh" content="0;url=/">',
  )
}

import type { RunReport } from '../runs.js'
import { escapeMarkup as x } from './escape.js'
import { runReportFailures, runReportStats, type Counted } from './stats.js'

const STYLE = `:root{color-scheme:light dark;--fg:#1b1f24;--bg:#fff;--muted:#59636e;--line:#d1d9e0;--ok:#1a7f37;--bad:#cf222e}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;--line:#3d444d;--ok:#3fb950;--bad:#f85149}}
body{font:14px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg);margin:2rem auto;max-width:60rem;padding:0 1rem}
h1{font-size:1.4rem;margin:0}p.meta{color:var(--muted);margin:.25rem 0 1.5rem}
table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid var(--line)}
td.n{text-align:right;font-variant-numeric:tabular-nums}section{border:1px solid var(--line);border-radius:6px;padding:.6rem 1rem;margin-bottom:.75rem}
section h3{font-size:1rem;margin:0;word-break:break-all}.ok{color:var(--ok)}.bad{color:var(--bad)}.muted{color:var(--muted)}
ul{margin:.4rem 0 0;padding-left:1.2rem;list-style:none}code{word-break:break-all}`

function row(label: string, counted: Counted): string {
  return `<tr><th scope="row">${label}</th><td class="n">${counted.executed}</td><td class="n${counted.failed ? ' bad' : ''}">${counted.failed}</td></tr>`
}

/** One self-contained HTML page of a run (newman's `htmlextra` in spirit): summary, failures, each request; every value escaped, no scripts. */
export function runReportHtml(report: RunReport): string {
  const stats = runReportStats(report)
  const failures = runReportFailures(report)
  const title = `${report.collection} — Courier run`
  const steps = report.steps.map((step) => {
    const { record } = step
    const outcome = record.error
      ? `${record.error.code}: ${record.error.message}`
      : `${record.status ?? ''} ${record.statusText}`.trim()
    const tests = (record.scripts?.tests ?? []).map((t) =>
      t.skipped
        ? `<li class="muted">– ${x(t.name)} (skipped)</li>`
        : t.passed
          ? `<li><span class="ok" aria-label="passed">✓</span> ${x(t.name)}</li>`
          : `<li><span class="bad" aria-label="failed">✗</span> ${x(t.name)}${t.error ? ` <span class="muted">— ${x(t.error)}</span>` : ''}</li>`,
    )
    const errors = (record.scripts?.errors ?? []).map(
      (e) =>
        `<li class="bad">✗ ${e.origin.phase === 'prerequest' ? 'pre-request' : 'test'} script${e.line ? ` line ${e.line}` : ''}: ${x(e.message)}</li>`,
    )
    const iteration = report.iterations > 1 ? ` <span class="muted">iteration ${step.iteration + 1}</span>` : ''
    return `<section><h3><span class="${step.passed ? 'ok' : 'bad'}" aria-label="${step.passed ? 'passed' : 'failed'}">${step.passed ? '✓' : '✗'}</span> ${x(step.name)}${iteration}</h3>
<p class="meta"><code>${x(step.method)} ${x(step.url)}</code> · ${x(outcome)} · ${Math.round(record.timing.total)} ms · ${record.sizes.body} B</p>${tests.length + errors.length ? `<ul>${[...errors, ...tests].join('')}</ul>` : ''}</section>`
  })
  const failureRows = failures.map(
    (f) =>
      `<tr><td class="n">${f.number}</td><td>${x(f.request)}${report.iterations > 1 ? ` (iteration ${f.iteration + 1})` : ''}</td><td>${x(f.name)}</td><td>${x(f.message)}</td></tr>`,
  )
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${x(title)}</title><style>${STYLE}</style></head>
<body><main>
<h1>${x(report.collection)}</h1>
<p class="meta">${report.environment ? `Environment ${x(report.environment)} · ` : ''}${report.startedAt ? `${x(report.startedAt)} · ` : ''}${Math.round(report.durationMs)} ms · average response ${Math.round(stats.averageResponseMs)} ms${report.stoppedReason ? ` · ${x(report.stoppedReason)}` : ''}</p>
<h2>Summary</h2>
<table><thead><tr><th scope="col"></th><th scope="col">executed</th><th scope="col">failed</th></tr></thead><tbody>
${row('iterations', stats.iterations)}${row('requests', stats.requests)}${row('test-scripts', stats.testScripts)}${row('prerequest-scripts', stats.prerequestScripts)}${row('assertions', stats.assertions)}
</tbody></table>
${failureRows.length ? `<h2>Failures</h2><table><thead><tr><th scope="col">#</th><th scope="col">request</th><th scope="col">test</th><th scope="col">message</th></tr></thead><tbody>${failureRows.join('')}</tbody></table>` : '<p class="ok">Every request and test passed.</p>'}
<h2>Requests</h2>
${steps.join('\n')}
</main></body></html>
`
}

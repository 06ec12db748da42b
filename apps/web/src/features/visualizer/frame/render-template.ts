import handlebarsSource from 'handlebars/dist/handlebars.min.js?raw'

type Handlebars = { compile: (template: string) => (data: unknown) => string }

/**
 * Handlebars' browser build, run as a classic script of this page. (Imported as a module its
 * CommonJS wrapper needs a bundler runtime chunk, and the server inlines this page's one script.)
 */
function handlebars(): Handlebars {
  const scope = window as unknown as { Handlebars?: Handlebars }
  if (!scope.Handlebars) {
    const script = document.createElement('script')
    script.textContent = handlebarsSource
    document.head.append(script)
  }
  return scope.Handlebars!
}

/**
 * The template compiled with Handlebars over the data, as Postman does (`{{#each response}}`), or
 * the sentence saying why it did not compile.
 */
export function renderTemplate(template: string, data: unknown): { html: string } | { error: string } {
  try {
    return { html: handlebars().compile(template)(data) }
  } catch (error) {
    return { error: `The visualizer template did not render: ${(error as Error).message}` }
  }
}

/**
 * Puts the rendered HTML into `target` and runs its scripts in order, as a page would: scripts set
 * through innerHTML never run, so each is replaced by a fresh copy; an external one is awaited
 * before the next starts.
 */
export async function mountHtml(target: HTMLElement, html: string): Promise<void> {
  target.innerHTML = html
  for (const old of Array.from(target.querySelectorAll('script'))) {
    const script = document.createElement('script')
    for (const attribute of Array.from(old.attributes)) script.setAttribute(attribute.name, attribute.value)
    script.textContent = old.textContent
    const loaded = script.src
      ? new Promise<void>((resolve) => {
          script.onload = () => resolve()
          script.onerror = () => resolve()
        })
      : null
    old.replaceWith(script)
    if (loaded) await loaded
  }
}

import type { Locator, Page } from '@playwright/test'

type Phase = 'Pre-request' | 'Post-response'

/** The Pre-request / Post-response editor inside `scope` (the request editor or a settings dialog). */
export const scriptEditorIn = (scope: Locator, phase: Phase) =>
  scope.getByRole('tabpanel', { name: `${phase} script` }).locator('.monaco-editor')

/** Picks the phase and replaces its script; inserted whole, so Monaco's auto-closing and suggestions do not change it. */
export async function writeScriptIn(page: Page, scope: Locator, phase: Phase, text: string) {
  await scope.getByRole('tablist', { name: 'Script phase' }).getByRole('tab', { name: phase, exact: true }).click()
  const editor = scriptEditorIn(scope, phase)
  await editor.waitFor()
  await editor.click()
  await page.keyboard.press('Control+A')
  await page.keyboard.press('Delete')
  await page.keyboard.insertText(text)
}

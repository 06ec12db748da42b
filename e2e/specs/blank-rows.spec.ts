import { expect, test } from '../fixtures.js'

// Issue 12, item 1: a blank row never blocks a send; a half-filled one says so on the row.

test('a blank Capture row and a blank header row are ignored, as in Postman', async ({
  requestEditor,
  responseViewer,
  target,
}) => {
  await requestEditor.url().fill(target.url('/login'))
  await requestEditor.openTab('Capture')
  await requestEditor.addCaptureButton().click() // added, then left empty
  await requestEditor.openTab('Headers')
  const keys = requestEditor.keysIn('Headers')
  await keys.last().fill('X-Typo')
  await keys.nth((await keys.count()) - 2).fill('') // typed, then erased: the row stays, blank
  await expect(keys).toHaveCount(2)
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  const received = target.received.at(-1)!
  expect(received.url).toBe('/login')
  expect(Object.keys(received.headers)).not.toContain('x-typo')
})

test('a half-filled row is marked on the row, and the error names the field in words', async ({
  app,
  requestEditor,
  responseViewer,
  target,
  shot,
}) => {
  await requestEditor.url().fill(target.url('/login'))
  await requestEditor.openTab('Capture')
  await requestEditor.addCaptureButton().click()
  await requestEditor.blankCaptureExpression().fill('$.access_token') // an expression, but no variable
  const variable = requestEditor.captureVariable()
  await expect(variable).toHaveAttribute('aria-invalid', 'true')
  await expect(variable).toHaveAccessibleDescription(/No variable name — type the variable the value goes into/)
  await shot('rows-capture-half-filled')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('rows-capture-half-filled-dark')
  await app.emulateMedia({ colorScheme: 'light' })

  const before = target.received.length
  await requestEditor.send()
  await expect(responseViewer.alert()).toContainText(
    'Capture row 1: the variable name is empty — type a variable name or remove the row.',
  )
  await expect(responseViewer.alert()).not.toContainText(/Too small|expected string|request\.captures/)
  expect(target.received.length, 'nothing was sent').toBe(before)
  await shot('rows-capture-error')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('rows-capture-error-dark')
  await app.emulateMedia({ colorScheme: 'light' })

  // Named, it sends and captures.
  await variable.fill('token')
  await expect(variable).not.toHaveAttribute('aria-invalid', 'true')
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')

  // A header value with no name is marked too.
  await requestEditor.openTab('Headers')
  await requestEditor.valuesIn('Headers').last().fill('orphan')
  const key = requestEditor.keysIn('Headers').first()
  await expect(key).toHaveAttribute('aria-invalid', 'true')
  await expect(key).toHaveAccessibleDescription('This row has a value but no name — type a name or remove the row.')
  await shot('rows-header-half-filled')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('rows-header-half-filled-dark')
})

import { expect, test as base } from '../fixtures.js'
import { GraphqlHttpTarget, LIBRARY_SDL } from '../graphql-http-target.js'
import { GraphqlPage } from '../pages/graphql.page.js'
import { ImportExportPage } from '../pages/import-export.page.js'

const test = base.extend<{ graphqlPage: GraphqlPage }, { library: GraphqlHttpTarget }>({
  library: [
    async ({}, use) => {
      const server = new GraphqlHttpTarget()
      await server.start()
      await use(server)
      await server.stop()
    },
    { scope: 'worker' },
  ],
  graphqlPage: async ({ app }, use) => use(new GraphqlPage(app)),
})

test.use({ permissions: ['clipboard-read', 'clipboard-write'] })

test('the schema is fetched by introspection through Courier and browsed in the explorer', async ({
  app,
  requestEditor,
  graphqlPage: gql,
  library,
  shot,
}) => {
  await requestEditor.setMethod('POST')
  await requestEditor.url().fill(library.url())
  await requestEditor.chooseBody('GraphQL')
  await gql.pasteQuery('query Shelf {\n  books {\n    title\n    author { name }\n  }\n}\n')
  await gql.fetchSchema().click()
  await expect(gql.schemaStatus()).toContainText('Schema from introspection, fetched at')
  expect(library.received.at(-1)!.query).toContain('__schema')
  await gql.roomForTheEditor()
  await gql.explorerToggle().click()
  await expect(gql.explorer()).toBeVisible()
  await gql.rootType('Query').click()
  await expect(gql.field('Query', 'books')).toContainText('Every book on the shelves.')
  await expect(gql.field('Query', 'shelf')).toContainText('Deprecated: Use books.')
  await expect(gql.field('Query', 'book')).toContainText('id: ID!')
  await gql.field('Query', 'book').getByRole('button', { name: 'Open type Book' }).click()
  await expect(gql.field('Book', 'title')).toContainText('String!')
  await expect(gql.explorer()).toContainText('A book and who wrote it.')
  await shot('graphql-explorer')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('graphql-explorer-dark')
  await app.emulateMedia({ colorScheme: 'light' })
  await gql.breadcrumb().getByRole('button', { name: 'Query' }).click()
  await expect(gql.fieldsOf('Query')).toBeVisible()
  await shot('graphql-explorer-query')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('graphql-explorer-query-dark')
  await app.emulateMedia({ colorScheme: 'light' })
  await gql.pasteQuery('{ ')
  await gql.field('Query', 'books').getByRole('button', { name: 'Insert books into the query' }).click()
  await expect(gql.queryEditor().locator('.view-lines')).toContainText('books')
  await gql.explorerSearch().fill('auth')
  await expect(gql.searchResults().getByRole('button', { name: 'Book.author' })).toBeVisible()
  await gql.searchResults().getByRole('button', { name: 'Author', exact: true }).click()
  await expect(gql.field('Author', 'name')).toBeVisible()
})

test('the query editor completes fields from the schema and marks one the schema lacks', async ({
  app,
  requestEditor,
  graphqlPage: gql,
  library,
  shot,
}) => {
  await requestEditor.setMethod('POST')
  await requestEditor.url().fill(library.url())
  await requestEditor.chooseBody('GraphQL')
  await gql.fetchSchema().click()
  await expect(gql.schemaStatus()).toContainText('Schema from introspection')
  await gql.roomForTheEditor()
  await gql.typeQuery('query Shelf {')
  await app.keyboard.press('Enter')
  await app.keyboard.type('bo')
  await expect(gql.suggestions()).toBeVisible()
  await expect(gql.suggestion('books')).toBeVisible()
  await expect(gql.suggestion('book')).toBeVisible()
  await shot('graphql-completion')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('graphql-completion-dark')
  await app.emulateMedia({ colorScheme: 'light' })
  await app.keyboard.press('Escape')
  await gql.pasteQuery('query Shelf {\n  books { title }\n  magazines { title }\n}\n')
  // The squiggle lies under Monaco's text layer: the mouse goes to the word it marks (again, until the mark is there).
  const line = gql.queryEditor().locator('.view-line').filter({ hasText: 'magazines' })
  await expect(line).toBeVisible()
  const hover = app.locator('.monaco-hover').filter({ hasText: 'Cannot query field "magazines" on type "Query".' })
  await expect(async () => {
    const box = (await line.boundingBox())!
    await app.mouse.move(box.x + 300, box.y - 40)
    await app.mouse.move(box.x + 40, box.y + box.height / 2)
    await expect(hover).toBeVisible({ timeout: 1500 })
  }).toPass()
  await expect(gql.errorMarks()).toHaveCount(1)
  await gql.pasteQuery('query Shelf {\n  books { title }\n}\n')
  await expect(gql.errorMarks()).toHaveCount(0)
  // Hover docs come from the schema: the field's type and description.
  const books = gql.queryEditor().locator('.view-line').filter({ hasText: 'books' })
  const docs = app.locator('.monaco-hover').filter({ hasText: 'Every book on the shelves.' })
  await expect(async () => {
    const box = (await books.boundingBox())!
    await app.mouse.move(box.x + 300, box.y - 40)
    await app.mouse.move(box.x + 36, box.y + box.height / 2)
    await expect(docs).toBeVisible({ timeout: 1500 })
  }).toPass()
  await shot('graphql-hover')
  // The variables editor checks against the operation's variables: a number where a String! belongs is marked.
  await gql.pasteQuery(
    'mutation Add($title: String!, $authorId: ID!) {\n  addBook(title: $title, authorId: $authorId) { id }\n}\n',
  )
  await gql.pasteVariables('{"title": 5, "authorId": "a1"}')
  await expect(gql.variablesMarks().first()).toBeVisible()
  await gql.pasteVariables('{"title": "Lathe of Heaven", "authorId": "a1"}')
  await expect(gql.variablesMarks()).toHaveCount(0)
})

test('with two operations the Operation picker chooses which one the server runs', async ({
  requestEditor,
  responseViewer,
  graphqlPage: gql,
  library,
}) => {
  await requestEditor.setMethod('POST')
  await requestEditor.url().fill(library.url())
  await requestEditor.chooseBody('GraphQL')
  await gql.pasteQuery('query Titles { books { title } }\nquery Authors { author(id: "a1") { name } }\n')
  await expect(gql.operation()).toBeVisible()
  await expect(gql.operation().getByRole('option')).toHaveText([
    'Choose an operation…',
    'Titles (query)',
    'Authors (query)',
  ])
  await gql.operation().selectOption('Authors')
  await requestEditor.send()
  await expect(responseViewer.status()).toContainText('200')
  expect(library.received.at(-1)).toMatchObject({ operationName: 'Authors' })
  await expect(responseViewer.region()).toContainText('Ursula K. Le Guin')
})

test('a schema that cannot be had says why; SDL loads from a URL through Courier', async ({
  requestEditor,
  graphqlPage: gql,
  library,
}) => {
  await requestEditor.setMethod('POST')
  await requestEditor.url().fill(library.url('/not-graphql'))
  await requestEditor.chooseBody('GraphQL')
  await gql.fetchSchema().click()
  await expect(gql.schemaError()).toContainText('not with JSON, so it does not look like a GraphQL endpoint')
  await gql.sdlFromUrl().click()
  await gql.sdlUrl().fill(library.url('/schema.graphql'))
  await gql.loadSdl().click()
  await expect(gql.schemaStatus()).toContainText('Schema from SDL URL, fetched at')
  await expect(gql.schemaError()).toBeHidden()
  await requestEditor.url().fill(library.url('/graphql-closed'))
  await gql.fetchSchema().click()
  await expect(gql.schemaError()).toContainText(
    'The server refused the introspection query: GraphQL introspection is not allowed.',
  )
  await requestEditor.url().fill(library.url('/graphql-locked'))
  await gql.fetchSchema().click()
  await expect(gql.schemaError()).toContainText('The server answered 401 Unauthorized: Sign in first.')
})

test("introspection carries the request's own headers", async ({ requestEditor, graphqlPage: gql, library }) => {
  await requestEditor.setMethod('POST')
  await requestEditor.url().fill(library.url('/graphql-locked'))
  await requestEditor.openTab('Headers')
  await requestEditor.keysIn('Headers').last().fill('Authorization')
  await requestEditor.valueFieldsIn('Headers').first().fill('Bearer let-me-in')
  await requestEditor.chooseBody('GraphQL')
  await gql.fetchSchema().click()
  await expect(gql.schemaStatus()).toContainText('Schema from introspection, fetched at')
  expect(library.received.at(-1)).toMatchObject({
    path: '/graphql-locked',
    headers: { authorization: 'Bearer let-me-in' },
  })
})

test('a server older than deprecated arguments gets the older introspection query', async ({
  requestEditor,
  graphqlPage: gql,
  library,
}) => {
  await requestEditor.setMethod('POST')
  await requestEditor.url().fill(library.url('/graphql-2018'))
  await requestEditor.chooseBody('GraphQL')
  await gql.fetchSchema().click()
  await expect(gql.schemaStatus()).toContainText('Schema from introspection, fetched at')
  const asked = library.received.filter((r) => r.path === '/graphql-2018').map((r) => r.query)
  expect(asked).toHaveLength(2)
  expect(asked[0]).toContain('args(includeDeprecated: true)')
  expect(asked[1]).not.toContain('args(includeDeprecated: true)')
})

test('importing a GraphQL SDL file creates a request per query and mutation', async ({
  app,
  workspace,
  requestEditor,
  shot,
}) => {
  const page = new ImportExportPage(app)
  await page.importFile('graphql-library.graphql', LIBRARY_SDL)
  await expect(page.report()).toContainText('GraphQL schema (SDL)')
  await expect(page.report()).toContainText('Will create 1 collection, 3 folders, 6 requests')
  await shot('graphql-import-report')
  await page.confirmImport().click()
  await expect(page.importDialog()).toBeHidden()
  await expect(workspace.row('graphql-library')).toHaveAttribute('aria-expanded', 'true')
  await workspace.row('Mutations').click()
  await workspace.row(/addBook/).click()
  await expect(requestEditor.url()).toHaveValue('{{graphqlUrl}}')
  await requestEditor.openTab('Body')
  await expect(requestEditor.panel()).toContainText('mutation AddBook($title: String!, $authorId: ID!)')
})

import { buildSchema, graphql, printSchema, type GraphQLSchema } from 'graphql'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A small library API: queries, a mutation, and a subscription (served over graphql-ws by the realtime specs). */
export const LIBRARY_SDL = `
"""A small library."""
type Query {
  "Every book on the shelves."
  books: [Book!]!
  book(id: ID!): Book
  author(id: ID!): Author
  shelf: [Book] @deprecated(reason: "Use books.")
}
type Mutation {
  addBook(title: String!, authorId: ID!): Book!
}
type Subscription {
  bookAdded: Book!
}
"A book and who wrote it."
type Book {
  id: ID!
  title: String!
  year: Int
  author: Author!
}
type Author {
  id: ID!
  name: String!
  books: [Book!]!
}
`

type Book = { id: string; title: string; year: number | null; authorId: string }
type Author = { id: string; name: string }

export type GraphqlReceived = {
  path: string
  query: string
  operationName: string | null
  variables: unknown
  headers: Record<string, unknown>
}

/** graphql-js over node:http at /graphql (POST JSON, as Courier sends a GraphQL body); records each operation. */
export class GraphqlHttpTarget {
  readonly schema: GraphQLSchema = buildSchema(LIBRARY_SDL)
  readonly received: GraphqlReceived[] = []
  private server: Server | null = null
  private port = 0
  private readonly authors: Author[] = [{ id: 'a1', name: 'Ursula K. Le Guin' }]
  private readonly books: Book[] = [{ id: 'b1', title: 'The Dispossessed', year: 1974, authorId: 'a1' }]

  url(path = '/graphql'): string {
    return `http://127.0.0.1:${this.port}${path}`
  }

  private readonly root = {
    books: () => this.books.map((b) => this.book(b)),
    book: ({ id }: { id: string }) => this.book(this.books.find((b) => b.id === id)),
    author: ({ id }: { id: string }) => this.author(this.authors.find((a) => a.id === id)),
    shelf: () => this.books.map((b) => this.book(b)),
    addBook: ({ title, authorId }: { title: string; authorId: string }) => {
      const book = { id: `b${this.books.length + 1}`, title, year: null, authorId }
      this.books.push(book)
      return this.book(book)
    },
  }

  private book(b: Book | undefined): unknown {
    return b && { ...b, author: () => this.author(this.authors.find((a) => a.id === b.authorId)) }
  }

  private author(a: Author | undefined): unknown {
    return a && { ...a, books: () => this.books.filter((b) => b.authorId === a.id).map((b) => this.book(b)) }
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        const path = new URL(request.url ?? '/', 'http://target').pathname
        if (request.method === 'GET' && path === '/schema.graphql') {
          response.setHeader('content-type', 'text/plain; charset=utf-8')
          return response.end(printSchema(this.schema))
        }
        if (
          request.method !== 'POST' ||
          !['/graphql', '/graphql-2018', '/graphql-closed', '/graphql-locked'].includes(path)
        ) {
          response.statusCode = 404
          return response.end('not found')
        }
        let body: { query?: string; operationName?: string; variables?: Record<string, unknown> }
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
        } catch {
          response.statusCode = 400
          return response.end('{"errors":[{"message":"Body is not JSON."}]}')
        }
        this.received.push({
          path,
          query: body.query ?? '',
          operationName: body.operationName ?? null,
          variables: body.variables ?? null,
          headers: request.headers,
        })
        response.setHeader('content-type', 'application/graphql-response+json')
        // A server that predates deprecated arguments (graphql-js 15 and older), as it answers the newer query.
        if (path === '/graphql-2018' && /args\(includeDeprecated: true\)/.test(body.query ?? ''))
          return response.end(
            '{"errors":[{"message":"Unknown argument \\"includeDeprecated\\" on field \\"__Field.args\\"."}]}',
          )
        if (path === '/graphql-locked' && request.headers.authorization !== 'Bearer let-me-in') {
          response.statusCode = 401
          return response.end('{"errors":[{"message":"Sign in first."}]}')
        }
        if (path === '/graphql-closed' && (body.query ?? '').includes('__schema'))
          return response.end('{"errors":[{"message":"GraphQL introspection is not allowed."}]}')
        void graphql({
          schema: this.schema,
          source: body.query ?? '',
          rootValue: this.root,
          variableValues: body.variables,
          operationName: body.operationName,
        }).then((result) => {
          response.end(JSON.stringify(result))
        })
      })
    })
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    this.port = (this.server.address() as AddressInfo).port
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve())
  }
}

import { z } from 'zod'
import { OriginSchema } from './capture.js'

/**
 * Mock servers (issue 18): a collection's saved examples, or an OpenAPI document's examples and
 * schemas, served on Courier's separate mock origin (never Courier's own: mock bodies are
 * attacker-controlled content) at `MOCK_ORIGIN/mocks/ID/…`.
 */
export const MockSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('collection'), collectionId: z.string().min(1).max(200) }),
  /** An OpenAPI 3.x or Swagger 2 document's text (JSON or YAML). */
  z.object({
    kind: z.literal('openapi'),
    document: z
      .string()
      .min(1)
      .max(10 * 1024 * 1024),
  }),
])
export type MockSource = z.infer<typeof MockSourceSchema>

/** One route's choices: which example answers, with what status and delay (null: as the example says). */
export const MockRouteChoiceSchema = z.object({
  /** `METHOD /path/{param}` as MockRoute.key. */
  route: z.string().min(1).max(2048),
  example: z.string().max(500).nullable().default(null),
  status: z.number().int().min(100).max(599).nullable().default(null),
  delayMs: z.number().int().min(0).max(60_000).nullable().default(null),
})
export type MockRouteChoice = z.infer<typeof MockRouteChoiceSchema>

export const MockInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  source: MockSourceSchema,
  /** Origins whose pages may call the mock; `*` answers any origin (no credentials). */
  allowedOrigins: z
    .array(z.union([OriginSchema, z.literal('*')]))
    .max(50)
    .default([]),
  /** Added before every answer, unless a route says otherwise. */
  delayMs: z.number().int().min(0).max(60_000).default(0),
  routes: z.array(MockRouteChoiceSchema).max(2000).default([]),
  enabled: z.boolean().default(true),
})
export type MockInput = z.input<typeof MockInputSchema>

export const MockSchema = MockInputSchema.extend({
  id: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The mock's base URL (stable: the id, on the mock origin; in team mode the server's public mock URL). */
  url: z.string(),
})
export type Mock = z.infer<typeof MockSchema>

export const UpdateMockSchema = MockInputSchema.partial().extend({ version: z.number().int() })

/** A route the mock serves, as derived from its source. */
export const MockRouteSchema = z.object({
  key: z.string(),
  method: z.string(),
  /** Path template with `{param}` segments, e.g. `/pets/{id}`. */
  path: z.string(),
  /** The saved request's or operation's name. */
  name: z.string(),
  examples: z.array(z.object({ name: z.string(), status: z.number().int() })),
  /** The example that answers now (the route's choice, else the first). */
  chosen: z.string().nullable(),
})
export type MockRoute = z.infer<typeof MockRouteSchema>

/** One call the mock received, and how it answered. */
export const MockCallSchema = z.object({
  id: z.string(),
  at: z.string(),
  method: z.string(),
  /** Path and query as received (below the mock's base). */
  path: z.string(),
  origin: z.string().nullable(),
  status: z.number().int(),
  route: z.string().nullable(),
  example: z.string().nullable(),
  /** Why it matched (or did not), in words. */
  note: z.string(),
  durationMs: z.number().nonnegative(),
})
export type MockCall = z.infer<typeof MockCallSchema>
export const MockCallsSchema = z.object({ items: z.array(MockCallSchema) })

/** Postman's mock headers, honoured: pick an example by name or by status. */
export const MOCK_RESPONSE_NAME_HEADER = 'x-mock-response-name'
export const MOCK_RESPONSE_CODE_HEADER = 'x-mock-response-code'
/** Where a mock is served below the mock origin. */
export const MOCK_PREFIX = '/mocks'
export function mockUrlOf(mockOrigin: string, id: string): string {
  return `${mockOrigin.replace(/\/+$/, '')}${MOCK_PREFIX}/${encodeURIComponent(id)}`
}

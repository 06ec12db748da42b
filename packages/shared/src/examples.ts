import { z } from 'zod'
import { PairsSchema } from './request-spec-pairs.js'

/**
 * A saved example answer of a request (Postman's `response[]`, OpenAPI's examples): shown beside
 * the request, exported with it, and served by a mock.
 */
export const ExampleSchema = z.object({
  name: z.string().max(500),
  status: z.number().int().min(100).max(999).default(200),
  statusText: z.string().max(200).default(''),
  headers: PairsSchema.default([]),
  body: z
    .string()
    .max(16 * 1024 * 1024)
    .default(''),
  /** The request that got this answer, when the source kept one (Postman's `originalRequest`): method, URL, headers, body text. */
  request: z
    .object({
      method: z.string().max(1024),
      url: z.string().max(1024 * 1024),
      headers: PairsSchema.default([]),
      body: z.string().default(''),
    })
    .optional(),
})
export type Example = z.infer<typeof ExampleSchema>

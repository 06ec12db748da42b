import { z } from 'zod'

/** A cookie as kept in Courier's jar (one jar per workspace; per environment later). */
export const JarCookieSchema = z.object({
  domain: z.string().min(1).max(253),
  path: z.string().min(1).max(1024).default('/'),
  name: z.string().min(1).max(4096),
  value: z.string().max(4096),
  /** ISO date; null for a session cookie. */
  expires: z.string().nullable().default(null),
  secure: z.boolean().default(false),
  httpOnly: z.boolean().default(false),
  sameSite: z.enum(['strict', 'lax', 'none']).nullable().default(null),
  /** Sent only to exactly this host, not its subdomains (no Domain attribute was given). */
  hostOnly: z.boolean().default(true),
})

export const CookieListSchema = z.object({ cookies: z.array(JarCookieSchema) })
export const CookieListQuerySchema = z.object({
  /** Only the cookies that would be sent to this URL. */
  url: z.string().max(8192).optional(),
})
export const CookieKeySchema = z.object({ domain: z.string().min(1), path: z.string().min(1), name: z.string().min(1) })

export type JarCookie = z.infer<typeof JarCookieSchema>
export type JarCookieInput = z.input<typeof JarCookieSchema>
export type CookieKey = z.infer<typeof CookieKeySchema>

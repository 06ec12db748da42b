import { z } from 'zod'
import { ErrorCodeSchema } from './error-codes.js'
import { OAuth2ConfigSchema, OAuth2GrantSchema, PairsSchema } from './request-spec.js'

/** Where Courier captures authorization responses (RFC 8252 §7.3: a loopback redirect URI). */
export const OAUTH_CALLBACK_PATH = '/oauth/callback'
/** The callback page tells Courier's tabs that a flow changed; the message carries only the flow id. */
export const OAUTH_BROADCAST_CHANNEL = 'courier-oauth'
/** RFC 6749 §4.1.2 recommends codes live at most 10 minutes; a flow's state lives as long. */
export const OAUTH_STATE_TTL_MS = 10 * 60_000

export const OAuthStepIdSchema = z.enum([
  'discovery',
  'authorize',
  'callback',
  'state',
  'token',
  'device-authorization',
  'device-poll',
  'refresh',
  'verify',
])

/** One check Courier made (state matched, PKCE method, iss…); `ok: false` with no error is a warning. */
export const OAuthCheckSchema = z.object({ label: z.string(), ok: z.boolean(), detail: z.string().optional() })

/** One HTTP exchange of a flow as the inspector shows it, secrets masked. */
export const OAuthHttpExchangeSchema = z.object({
  request: z.object({ method: z.string(), url: z.string(), headers: PairsSchema, body: z.string().optional() }),
  response: z
    .object({ status: z.number().int(), statusText: z.string(), headers: PairsSchema, body: z.string().optional() })
    .nullable(),
  durationMs: z.number().nonnegative().optional(),
})

export const OAuthStepSchema = z.object({
  id: OAuthStepIdSchema,
  title: z.string(),
  status: z.enum(['done', 'failed', 'waiting', 'skipped']),
  at: z.string(),
  summary: z.string().optional(),
  url: z.string().optional(),
  /** Authorize URL parameters, callback parameters… in order, secrets masked. */
  params: PairsSchema.optional(),
  checks: z.array(OAuthCheckSchema).default([]),
  exchange: OAuthHttpExchangeSchema.optional(),
  error: z.object({ code: ErrorCodeSchema, message: z.string() }).optional(),
})

/** A decoded JWT: header and claims as sent, and whether its signature checked out. */
export const JwtViewSchema = z.object({
  header: z.record(z.string(), z.unknown()),
  claims: z.record(z.string(), z.unknown()),
  signature: z.object({ status: z.enum(['verified', 'invalid', 'unavailable']), detail: z.string() }),
})

/** A stored token set as the browser may see it: the tokens themselves masked. */
export const OAuthTokenViewSchema = z.object({
  environmentKey: z.string(),
  tokenKey: z.string(),
  grant: OAuth2GrantSchema,
  tokenType: z.string(),
  accessToken: z.string(),
  scope: z.string().nullable(),
  issuer: z.string().nullable(),
  obtainedAt: z.string(),
  expiresAt: z.string().nullable(),
  hasRefreshToken: z.boolean(),
  /** When Courier last refreshed it on its own before a send. */
  refreshedAt: z.string().nullable(),
  accessJwt: JwtViewSchema.nullable(),
  idJwt: JwtViewSchema.nullable(),
})

export const OAuthDeviceViewSchema = z.object({
  userCode: z.string(),
  verificationUri: z.string(),
  verificationUriComplete: z.string().nullable(),
  expiresAt: z.string(),
  intervalSeconds: z.number().int().positive(),
})

export const OAuthFlowStatusSchema = z.enum(['waiting', 'polling', 'completed', 'failed', 'cancelled'])

export const OAuthFlowViewSchema = z.object({
  id: z.string(),
  grant: OAuth2GrantSchema,
  status: OAuthFlowStatusSchema,
  createdAt: z.string(),
  expiresAt: z.string(),
  environmentKey: z.string(),
  tokenKey: z.string(),
  redirectUri: z.string().nullable(),
  /** Courier serves the redirect URI, so the callback is captured without pasting. */
  capturesCallback: z.boolean(),
  authorizeUrl: z.string().nullable(),
  device: OAuthDeviceViewSchema.nullable(),
  steps: z.array(OAuthStepSchema),
  error: z.object({ code: ErrorCodeSchema, message: z.string(), step: OAuthStepIdSchema }).nullable(),
  token: OAuthTokenViewSchema.nullable(),
})

export const OAuthFlowStartSchema = z.object({
  config: OAuth2ConfigSchema,
  environmentId: z.string().max(200).nullish(),
  /** Runs another grant with the same configuration (the Refresh button uses refresh_token). */
  grant: OAuth2GrantSchema.optional(),
})

export const OAuthDiscoverInputSchema = z.object({
  issuer: z.string().max(2048),
  environmentId: z.string().max(200).nullish(),
})

/** The parts of RFC 8414 / OpenID Connect Discovery metadata Courier uses. */
export const OAuthMetadataSchema = z.object({
  issuer: z.string(),
  authorizationEndpoint: z.string().nullable(),
  tokenEndpoint: z.string().nullable(),
  deviceAuthorizationEndpoint: z.string().nullable(),
  jwksUri: z.string().nullable(),
  scopesSupported: z.array(z.string()),
  grantTypesSupported: z.array(z.string()),
  codeChallengeMethodsSupported: z.array(z.string()),
  tokenEndpointAuthMethodsSupported: z.array(z.string()),
  /** RFC 9207: the provider adds `iss` to authorization responses. */
  issParameterSupported: z.boolean(),
  /** Where the document came from. */
  source: z.string(),
})

export const OAuthTokenQuerySchema = z.object({
  environmentId: z.string().max(200).optional(),
  tokenKey: z.string().max(200).default('default'),
})

/** The address the provider sent the browser to, pasted when Courier does not serve the redirect URI. */
export const OAuthPastedRedirectSchema = z.object({
  url: z
    .string()
    .min(1)
    .max(64 * 1024),
})

export type OAuth2Grant = z.infer<typeof OAuth2GrantSchema>
export type OAuthStepId = z.infer<typeof OAuthStepIdSchema>
export type OAuthCheck = z.infer<typeof OAuthCheckSchema>
export type OAuthHttpExchange = z.infer<typeof OAuthHttpExchangeSchema>
export type OAuthStep = z.infer<typeof OAuthStepSchema>
export type JwtView = z.infer<typeof JwtViewSchema>
export type OAuthTokenView = z.infer<typeof OAuthTokenViewSchema>
export type OAuthDeviceView = z.infer<typeof OAuthDeviceViewSchema>
export type OAuthFlowStatus = z.infer<typeof OAuthFlowStatusSchema>
export type OAuthFlowView = z.infer<typeof OAuthFlowViewSchema>
export type OAuthFlowStart = z.input<typeof OAuthFlowStartSchema>
export type OAuthMetadata = z.infer<typeof OAuthMetadataSchema>

/** The grants that send the person's browser to the provider. */
export function isBrowserGrant(grant: z.infer<typeof OAuth2GrantSchema>): boolean {
  return grant === 'authorization_code' || grant === 'authorization_code_pkce' || grant === 'implicit'
}

/** The key tokens are stored under: the environment (or `default`) and the config's token key. */
export function oauthEnvironmentKey(environmentId: string | null | undefined): string {
  return environmentId && environmentId.trim() !== '' ? environmentId : 'default'
}

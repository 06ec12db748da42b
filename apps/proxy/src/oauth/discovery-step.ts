import type { OAuthCheck, OAuthFlowView, OAuthMetadata } from '@courier/shared'
import { discover, sameIssuer } from './discovery.js'
import { failFlow, newStep } from './flow-record.js'
import type { OAuthContext } from './oauth-context.js'
import { STEP_TITLES } from './step-titles.js'

const DISCOVERY_TTL_MS = 5 * 60_000

/** Discovery as a recorded step; null (and a failed view) when it failed. */
export async function metadataFor(
  context: OAuthContext,
  issuer: string,
  view: OAuthFlowView,
): Promise<OAuthMetadata | null> {
  const { now, iso } = context
  const cached = context.discoveries.get(issuer)
  if (cached && now() - cached.at < DISCOVERY_TTL_MS && sameIssuer(cached.metadata.issuer, issuer)) {
    view.steps.push(
      newStep('discovery', STEP_TITLES.discovery, 'done', iso(), {
        summary: `Metadata for ${issuer} (fetched ${Math.round((now() - cached.at) / 1000)} s ago).`,
        url: cached.metadata.source,
        checks: metadataChecks(cached.metadata),
      }),
    )
    return cached.metadata
  }
  const result = await discover(issuer, await context.options.http())
  const exchange = result.exchanges.at(-1)
  if (!result.ok) {
    view.steps.push(
      newStep('discovery', STEP_TITLES.discovery, 'failed', iso(), {
        ...(exchange ? { exchange } : {}),
        error: { code: result.error.code, message: result.error.message },
      }),
    )
    failFlow(view, result.error, 'discovery')
    return null
  }
  context.discoveries.set(issuer, { metadata: result.metadata, at: now() })
  view.steps.push(
    newStep('discovery', STEP_TITLES.discovery, 'done', iso(), {
      summary: `Metadata for ${result.metadata.issuer}.`,
      url: result.metadata.source,
      ...(exchange ? { exchange } : {}),
      checks: metadataChecks(result.metadata),
    }),
  )
  return result.metadata
}

function metadataChecks(metadata: OAuthMetadata): OAuthCheck[] {
  return [
    {
      label: metadata.issParameterSupported
        ? 'Sends iss in authorization responses (RFC 9207)'
        : 'Does not promise iss in authorization responses',
      ok: true,
    },
    {
      label: metadata.codeChallengeMethodsSupported.includes('S256') ? 'Supports PKCE S256' : 'Does not list PKCE S256',
      ok: metadata.codeChallengeMethodsSupported.includes('S256'),
    },
    {
      label: metadata.jwksUri
        ? 'Publishes signing keys (JWKS)'
        : 'Publishes no JWKS: token signatures cannot be checked',
      ok: metadata.jwksUri !== null,
    },
  ]
}

import { createServer, type Server } from 'node:http'
import Provider from 'oidc-provider'

/** What the provider says about one person (by `sub`); tests change it between sign-ins. */
export type ProviderAccount = { email?: string; email_verified?: boolean; name?: string }

export const OIDC_CLIENT_ID = 'courier-test'
export const OIDC_CLIENT_SECRET = 'courier-test-secret-0123456789abcdef'

/**
 * A real OpenID Connect provider (`oidc-provider`, panva) on 127.0.0.1 with its development
 * login and consent pages (any login is accepted; it becomes the `sub`). Listening starts first,
 * so the issuer is known before Courier is built; `register` then adds Courier as its client once
 * Courier's own port — and so its redirect URI — is known. (The proxy's tests use the same in
 * apps/proxy/src/test/oidc-provider-kit.ts.)
 */
export class LocalOidcProvider {
  readonly accounts = new Map<string, ProviderAccount>()
  private provider: Provider | undefined

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
  ) {}

  /** `hostname`: how the issuer names this machine; `localhost` makes the provider another site than Courier on 127.0.0.1. */
  static async listen(hostname = '127.0.0.1'): Promise<LocalOidcProvider> {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as { port: number }
    const idp = new LocalOidcProvider(server, `http://${hostname}:${port}`)
    server.on('request', (request, response) => {
      if (!idp.provider) {
        response.writeHead(503).end('not registered yet')
        return
      }
      void idp.provider.callback()(request, response)
    })
    return idp
  }

  /** Courier as the provider's one client. `emailInIdToken`: put email claims in the ID token too (else UserInfo only, the default). */
  register(redirectUri: string, options: { emailInIdToken?: boolean } = {}): void {
    const accounts = this.accounts
    this.provider = new Provider(this.issuer, {
      clients: [
        {
          client_id: OIDC_CLIENT_ID,
          client_secret: OIDC_CLIENT_SECRET,
          redirect_uris: [redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      conformIdTokenClaims: !options.emailInIdToken,
      cookies: { keys: ['local-oidc-provider-test-key'] },
      findAccount: (_ctx, sub) => {
        const account = accounts.get(sub)
        return account ? { accountId: sub, claims: () => ({ sub, ...account }) } : undefined
      },
    })
  }

  async close(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}

/**
 * A module loaded on first use instead of at start: `const jose = lazy(() => import('jose'))`,
 * then `(await jose()).decodeJwt(token)`. `courier serve` imports only what answering a page and
 * a first send need; the rest (converters, QuickJS, JWT and OpenID libraries, Argon2, pg) waits
 * until a route or a service first asks for it. esbuild splits a chunk at each such import.
 * The import runs once; a failed one (a missing optional file) is tried again on the next call.
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined
      throw error
    }))
}

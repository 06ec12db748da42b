import type { Store } from '../storage/store.js'
import { RouteCache } from './mock-routes-of.js'

/**
 * What the API and the mock listener share in one process: where mocks are served (the team's
 * stable public mock URL when configured, `--mock-public-url`, else the listener's own origin
 * once it listens; null while none is open) and the cache of mocks' routes.
 */
export class MockService {
  readonly routes: RouteCache
  private listening: string | null = null

  constructor(
    store: () => Store,
    private readonly publicUrl: string | null = null,
  ) {
    this.routes = new RouteCache(store)
  }

  /** The mock listener's origin (mock-server.ts, once it listens); null when it closed. */
  listen(origin: string | null): void {
    this.listening = origin
  }

  origin(): string | null {
    return this.listening === null ? null : (this.publicUrl ?? this.listening)
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Mock servers (issue 18): their origin and routes, shared by /api/mocks and the mock listener. */
    mocks: MockService
  }
}

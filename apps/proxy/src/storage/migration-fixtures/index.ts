import { blobFixtures } from './blobs.js'
import { collectionFixtures } from './collections.js'
import { credentialFailureFixtures } from './credential-failures.js'
import type { MigrationFixture } from './fixture.js'
import { historyFixtures } from './history.js'
import { keyValueFixtures } from './key-values.js'
import { oauthFixtures } from './oauth.js'
import { oidcFlowFixtures } from './oidc-flows.js'
import { sendLeaseFixtures } from './send-leases.js'
import { sessionFixtures } from './sessions.js'
import { teamFixtures } from './team.js'
import { presenceFixtures } from './presence.js'
import { runFixtures } from './runs.js'
import { captureFixtures } from './capture.js'
import { mockFixtures } from './mocks.js'

export type { FixtureContext, MigrationFixture } from './fixture.js'

/** Every migration's fixture by migration name (see MigrationFixture); a new migration adds its own. */
export const migrationFixtures: Record<string, MigrationFixture> = {
  ...historyFixtures,
  ...keyValueFixtures,
  ...oauthFixtures,
  ...collectionFixtures,
  ...sessionFixtures,
  ...teamFixtures,
  ...presenceFixtures,
  ...sendLeaseFixtures,
  ...credentialFailureFixtures,
  ...oidcFlowFixtures,
  ...blobFixtures,
  ...runFixtures,
  ...captureFixtures,
  ...mockFixtures,
}

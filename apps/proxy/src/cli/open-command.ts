import { loadConfig } from '../config.js'
import { SecretBox } from '../secrets/secret-box.js'
import { LOGIN_PATH } from '../plugins/login-route.js'
import { openStore } from '../storage/open-store.js'
import { readServerFile } from '../storage/server-file.js'
import { Sessions } from '../storage/sessions.js'
import type { Store } from '../storage/store.js'

export { OPEN_HELP } from './help.js'

/** A one-time sign-in link for `baseUrl` (ending in /), minted into the store. */
export async function loginLink(store: Store, baseUrl: string, now?: () => number): Promise<string> {
  const token = await new Sessions(store.sessions, now).mintLoginToken()
  return `${baseUrl}${LOGIN_PATH.slice(1)}?token=${token}`
}

/**
 * `courier open`: prints a fresh sign-in link for the server running on this data folder. It
 * works only for whoever can read the data folder (0700): the link is minted straight into its
 * database.
 */
export async function openCommand(options: { dataDir?: string }): Promise<number> {
  const config = loadConfig({ dataDir: options.dataDir })
  const running = readServerFile(config.dataDir)
  if (!running) {
    process.stderr.write(
      `courier open: no Courier server is running with the data folder ${config.dataDir}; start one with \`courier serve\` (it prints a sign-in link).\n`,
    )
    return 1
  }
  if (running.team) {
    process.stderr.write(
      `courier open: the server at ${running.url} is a team server; people sign in there with their email and password, not with a link. \`courier users add EMAIL\` makes an account and prints its set-password link.\n`,
    )
    return 1
  }
  const store = await openStore(config.database, SecretBox.open(config.dataDir))
  try {
    process.stdout.write(`${await loginLink(store, running.url)}\n`)
    return 0
  } finally {
    await store.close()
  }
}

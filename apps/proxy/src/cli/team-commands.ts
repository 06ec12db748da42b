import { parseArgs } from 'node:util'
import { loadConfig } from '../config.js'
import { SecretBox } from '../secrets/secret-box.js'
import { SET_PASSWORD_PATH } from '../plugins/team-pages.js'
import { openStore } from '../storage/open-store.js'
import type { Store } from '../storage/store.js'
import { Accounts } from '../team/accounts.js'

import { TEAM_HELP } from './help.js'
export { TEAM_HELP }

const out = (line: string) => process.stdout.write(`${line}\n`)

/** Opens the team server's database (same checks as `serve --team`) for one command. */
async function withAccounts<T>(
  flags: { publicUrl?: string },
  run: (accounts: Accounts, store: Store, publicUrl: string | undefined) => Promise<T>,
): Promise<T> {
  const config = loadConfig({ team: true, publicUrl: flags.publicUrl })
  const store = await openStore(config.database, SecretBox.open(config.dataDir))
  try {
    return await run(new Accounts(store), store, config.publicUrl)
  } finally {
    await store.close()
  }
}

function linkFor(publicUrl: string | undefined, token: string): string {
  if (!publicUrl)
    throw new Error(
      'Say where people open Courier so the link points there: --public-url https://courier.example.com (or COURIER_PUBLIC_URL).',
    )
  return `${publicUrl}${SET_PASSWORD_PATH}?token=${token}`
}

/** `courier users …` and `courier tokens …`: people and API tokens of a team server, straight in its database. */
export async function teamCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      owner: { type: 'boolean' },
      user: { type: 'string' },
      'public-url': { type: 'string' },
    },
  })
  const [group, action, subject] = positionals
  const flags = { publicUrl: values['public-url'] }
  if (group === 'users') {
    if (action === 'list')
      return withAccounts(flags, async (_accounts, store) => {
        for (const user of await store.users.list())
          out(
            `${user.email}\t${user.name}${user.disabled_at ? '\tdisabled' : ''}${user.password_hash ? '' : '\tno password yet'}`,
          )
        return 0
      })
    if (!subject) {
      process.stderr.write(
        `courier users ${action ?? ''}: name the person's email, e.g. courier users add ana@example.com\n`,
      )
      return 2
    }
    if (action === 'add')
      return withAccounts(flags, async (accounts, _store, publicUrl) => {
        const added = await accounts.addUser({ email: subject, name: values.name, owner: values.owner })
        out(`Added ${added.user.email} (${added.user.name})${added.team ? `, owner of “${added.team.name}”` : ''}.`)
        out(`Send them this link to set their password (works once, for 24 hours):`)
        out(`  ${linkFor(publicUrl, added.passwordToken)}`)
        return 0
      })
    if (action === 'link')
      return withAccounts(flags, async (accounts, store, publicUrl) => {
        const user = await store.users.byEmail(subject)
        if (!user) throw new Error(`No account has the email ${subject}; add it with courier users add ${subject}.`)
        out(linkFor(publicUrl, await accounts.passwordLink(user.id)))
        return 0
      })
    if (action === 'disable' || action === 'enable')
      return withAccounts(flags, async (accounts) => {
        const user = await accounts.setDisabled(subject, action === 'disable')
        out(
          action === 'disable'
            ? `${user.email} is disabled: their sessions and API tokens stopped working.`
            : `${user.email} can sign in again.`,
        )
        return 0
      })
  }
  if (group === 'tokens') {
    if (action === 'create' || action === 'list') {
      if (!values.user) {
        process.stderr.write(`courier tokens ${action}: say whose token with --user EMAIL\n`)
        return 2
      }
      const email = values.user
      return withAccounts(flags, async (accounts, store) => {
        if (action === 'list') {
          const user = await store.users.byEmail(email)
          if (!user) throw new Error(`No account has the email ${email}.`)
          for (const t of await store.users.apiTokensOf(user.id))
            out(
              `${t.id}\t${t.name}\tcreated ${t.created_at}\tlast used ${t.last_used_at ?? 'never'}${t.revoked_at ? '\trevoked' : ''}`,
            )
          return 0
        }
        const created = await accounts.createApiToken(email, values.name)
        out(`API token ${created.id} for ${created.user.email} (shown once; Courier keeps only its hash):`)
        out(`  ${created.token}`)
        out(`Revoke it with: courier tokens revoke ${created.id}`)
        return 0
      })
    }
    if (action === 'revoke') {
      if (!subject) {
        process.stderr.write('courier tokens revoke: give the token id that `courier tokens create` printed\n')
        return 2
      }
      return withAccounts(flags, async (accounts) => {
        if (!(await accounts.revokeApiToken(subject))) throw new Error(`No active API token has the id ${subject}.`)
        out(`Revoked ${subject}: it stops working at once.`)
        return 0
      })
    }
  }
  process.stderr.write(`courier ${argv.join(' ')}: unknown command; see courier --help\n\n${TEAM_HELP}`)
  return 2
}

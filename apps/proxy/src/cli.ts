import { parseArgs } from 'node:util'
import { IMPORT_EXPORT_HELP, OPEN_HELP, TEAM_HELP } from './cli/help.js'
import { RUN_HELP } from './cli/run-options.js'

const HELP = `Courier — a web-based API explorer

Usage:
  courier serve [--port N] [--host 127.0.0.1] [--data-dir DIR]   start Courier and print a one-time sign-in link
        [--mock-port N | --no-mocks]                               mock servers' own port (default: Courier's + 1,
                                                                   else any free one; 0: any free one), or none
        [--workspace DIR]                                          keep collections and environments as YAML files
                                                                   in DIR (a git repository, say), read back live
${OPEN_HELP}${RUN_HELP}${TEAM_HELP}${IMPORT_EXPORT_HELP}  courier dev                                                      development: front the Vite dev server
  courier --help

Signing in: open the link \`courier serve\` prints; it works once and sets a session cookie in
that browser (kept across restarts). For another browser, or after the link expired (24 hours),
run \`courier open\`; only the owner of the data folder can.

Environment:
  COURIER_PORT (or PORT)   port to listen on (default 3210; 0 picks a free one)
  COURIER_DATA_DIR         where history and bodies are kept (default ~/.local/share/courier)
  DATABASE_URL             use PostgreSQL instead of the SQLite file (required with --team)
  COURIER_SECRET_KEY       32 random bytes in base64 sealing secrets (required with --team, the same on every instance)
  COURIER_PUBLIC_URL       team server: the address people open (or --public-url)
  COURIER_MOCK_PORT        the mock servers' port (or --mock-port; 0 picks a free one)
  COURIER_MOCK_PUBLIC_URL  team server: the stable origin mocks are shared at (or --mock-public-url),
                           another origin than Courier's, proxied to the mock port
  COURIER_WORKSPACE        the folder to keep the workspace in as files (or --workspace)
  COURIER_TRUST_PROXY      with --trust-proxy: the reverse proxy's addresses (comma-separated) instead of any
  COURIER_OIDC_ISSUER, COURIER_OIDC_CLIENT_ID, COURIER_OIDC_CLIENT_SECRET
                           team server: OpenID Connect sign-in beside passwords (all three, or none);
                           register <public-url>/sign-in/oidc/callback as the redirect URI
  COURIER_OIDC_NAME        the sign-in button's label, "Sign in with NAME" (default: OpenID Connect)
  COURIER_OIDC_ALLOWED_DOMAINS
                           email domains (comma-separated) whose people get an account on their first
                           OpenID Connect sign-in; without it only people added with users add get in
  COURIER_ALLOW_TARGETS    internal targets a team server may reach, comma-separated hosts,
                           *.wildcards, addresses and networks (also --allow-target, repeatable):
                           internal.example.com,*.corp.example,10.20.0.0/16,fd00::/8
  COURIER_USER_SENDS_PER_MINUTE, COURIER_USER_CONCURRENT_SENDS
                           a team server's limits per person (default 120 a minute, 8 at once)
`

async function main(argv: string[]): Promise<number> {
  // Each command loads only what it needs, so `courier --help` and `courier run` start fast.
  if (argv[0] === 'run') return (await import('./cli/run-command.js')).runCommand(argv.slice(1))
  if (argv[0] === 'import' || argv[0] === 'export')
    return (await import('./cli/import-export-command.js')).importExportCommand(argv)
  if (argv[0] === 'users' || argv[0] === 'tokens') return (await import('./cli/team-commands.js')).teamCommand(argv)
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      team: { type: 'boolean' },
      'public-url': { type: 'string' },
      'trust-proxy': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      'allow-target': { type: 'string', multiple: true },
      'mock-port': { type: 'string' },
      'no-mocks': { type: 'boolean' },
      'mock-public-url': { type: 'string' },
      workspace: { type: 'string' },
    },
  })
  const command = positionals[0] ?? 'serve'
  if (values.help || command === 'help') {
    process.stdout.write(HELP)
    return 0
  }
  if (command === 'open') return (await import('./cli/open-command.js')).openCommand({ dataDir: values['data-dir'] })
  if (command !== 'serve' && command !== 'dev') {
    process.stderr.write(`courier: unknown command "${command}"\n\n${HELP}`)
    return 2
  }
  const port = values.port === undefined ? undefined : Number(values.port)
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    process.stderr.write(`courier: --port must be a number from 0 to 65535, not "${values.port}"\n`)
    return 2
  }
  const mockPort = values['mock-port'] === undefined ? undefined : Number(values['mock-port'])
  if (mockPort !== undefined && (!Number.isInteger(mockPort) || mockPort < 0 || mockPort > 65535)) {
    process.stderr.write(`courier: --mock-port must be a number from 0 to 65535, not "${values['mock-port']}"\n`)
    return 2
  }
  const { loadConfig } = await import('./config.js')
  const { startServer } = await import('./server.js')
  const config = loadConfig({
    port,
    host: values.host,
    dataDir: values['data-dir'],
    dev: command === 'dev',
    allowTargets: values['allow-target'],
    team: values.team,
    publicUrl: values['public-url'],
    trustProxy: values['trust-proxy'],
    mockPort,
    noMocks: values['no-mocks'],
    mockPublicUrl: values['mock-public-url'],
    workspace: values.workspace,
  })
  const server = await startServer(config, { logger: true })
  if (server.publicUrl) {
    process.stdout.write(
      `Courier ${config.version} team server is listening at ${server.url}\n  People open ${server.publicUrl} and sign in with their email and password${config.oidc ? ` or with ${config.oidc.name} (${config.oidc.issuer})` : ''}\n  Add someone: courier users add EMAIL [--owner]   (prints their set-password link)\n  Storage: ${config.database.kind}\n${mocksLine(server.mockUrl)}`,
    )
    return -1
  }
  process.stdout.write(
    `Courier ${config.version} is running at ${server.url}\n  Open ${server.loginUrl}\n  (a one-time sign-in link; \`courier open\` prints a fresh one)\n  Data: ${config.dataDir} (${config.database.kind})\n${config.workspaceDir ? `  Workspace files: ${config.workspaceDir}\n` : ''}${mocksLine(server.mockUrl)}`,
  )
  return -1 // keep running
}

/** Where mock servers answer (their own origin, never Courier's), when they are on. */
const mocksLine = (mockUrl: string | null) => (mockUrl ? `  Mocks at ${mockUrl}\n` : '')

/**
 * Exits once stdout and stderr have handed everything written to the OS: a pipe (`courier run
 * --json | jq`) takes a large report in several writes, and exiting before they finish cuts it.
 */
function exitAfterOutput(code: number): void {
  process.exitCode = code
  const flushed = (stream: NodeJS.WriteStream) =>
    new Promise<void>((resolve) => (stream.writableLength === 0 ? resolve() : stream.write('', () => resolve())))
  void Promise.all([flushed(process.stdout), flushed(process.stderr)]).then(() => process.exit(code))
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) exitAfterOutput(code)
  },
  (error: unknown) => {
    process.stderr.write(`courier: ${error instanceof Error ? error.message : String(error)}\n`)
    exitAfterOutput(1)
  },
)

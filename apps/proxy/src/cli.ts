import { parseArgs } from 'node:util'
import { loadConfig } from './config.js'
import { formatRun, runCollection } from './runner/run-collection.js'
import { startServer } from './server.js'
import { localServicesOptions, openServices } from './services.js'
import { IMPORT_EXPORT_HELP, importExportCommand } from './cli/import-export-command.js'
import { OPEN_HELP, openCommand } from './cli/open-command.js'

const HELP = `Courier — a web-based API explorer

Usage:
  courier serve [--port N] [--host 127.0.0.1] [--data-dir DIR]   start Courier and print a one-time sign-in link
${OPEN_HELP}  courier run <collection> [--env NAME] [--folder NAME] [--bail] [--json] [--data-dir DIR]
                                                                   run a saved collection's requests in order;
                                                                   exit code 1 when any fails (error or status ≥ 400)
${IMPORT_EXPORT_HELP}  courier dev                                                      development: front the Vite dev server
  courier --help

Signing in: open the link \`courier serve\` prints; it works once and sets a session cookie in
that browser (kept across restarts). For another browser, or after the link expired (24 hours),
run \`courier open\`; only the owner of the data folder can.

Environment:
  COURIER_PORT (or PORT)   port to listen on (default 3210; 0 picks a free one)
  COURIER_DATA_DIR         where history and bodies are kept (default ~/.local/share/courier)
  DATABASE_URL             use PostgreSQL instead of the SQLite file
`

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'import' || argv[0] === 'export') return importExportCommand(argv)
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      env: { type: 'string', short: 'e' },
      folder: { type: 'string' },
      bail: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  const command = positionals[0] ?? 'serve'
  if (values.help || command === 'help') {
    process.stdout.write(HELP)
    return 0
  }
  if (command === 'open') return openCommand({ dataDir: values['data-dir'] })
  if (command === 'run') {
    const collection = positionals[1]
    if (!collection) {
      process.stderr.write('courier run: name the collection to run, e.g. `courier run "Shop API" --env staging`\n')
      return 2
    }
    const config = loadConfig({ dataDir: values['data-dir'] })
    // No HTTP server: the runner sends through performSend with the services opened here.
    const services = await openServices(localServicesOptions(config, () => config.port))
    try {
      const log = {
        error: (details: { err: unknown }, message: string) =>
          process.stderr.write(`courier: ${message}: ${String(details.err)}\n`),
      }
      const result = await runCollection(
        { ...services, log },
        {
          collection,
          folder: values.folder,
          environment: values.env,
          bail: values.bail,
        },
      )
      process.stdout.write(
        values.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatRun(result, process.stdout.isTTY)}\n`,
      )
      return result.failed > 0 ? 1 : 0
    } finally {
      await services.close()
    }
  }
  if (command !== 'serve' && command !== 'dev') {
    process.stderr.write(`courier: unknown command "${command}"\n\n${HELP}`)
    return 2
  }
  const port = values.port === undefined ? undefined : Number(values.port)
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    process.stderr.write(`courier: --port must be a number from 0 to 65535, not "${values.port}"\n`)
    return 2
  }
  const config = loadConfig({ port, host: values.host, dataDir: values['data-dir'], dev: command === 'dev' })
  const server = await startServer(config, { logger: true })
  process.stdout.write(
    `Courier ${config.version} is running at ${server.url}\n  Open ${server.loginUrl}\n  (a one-time sign-in link; \`courier open\` prints a fresh one)\n  Data: ${config.dataDir} (${config.database.kind})\n`,
  )
  return -1 // keep running
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code)
  },
  (error: unknown) => {
    process.stderr.write(`courier: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  },
)

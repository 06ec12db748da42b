// The commands' lines of `courier --help`, apart from the commands so the help loads nothing heavy.

export const OPEN_HELP = `  courier open [--data-dir DIR]                                    print a fresh one-time sign-in link for the running server
`

export const TEAM_HELP = `  courier serve --team [--host 0.0.0.0] [--public-url URL] [--trust-proxy] [--mock-public-url URL]
                                                                   a team server on PostgreSQL (DATABASE_URL, COURIER_SECRET_KEY)
  courier users add EMAIL [--name N] [--owner]                     add a person; prints their one-time set-password link
  courier users link EMAIL                                         a fresh set-password link (24 hours, once)
  courier users disable|enable EMAIL                               stop (or restore) a person's sign-in, sessions and tokens at once
  courier users list
  courier tokens create --user EMAIL [--name N]                    a new API token for the CLI (printed once)
  courier tokens revoke ID
  courier tokens list --user EMAIL
`

export const IMPORT_EXPORT_HELP = `  courier import <file> [--data-dir DIR]                           import a Postman/OpenAPI/HAR/Insomnia/cURL/Courier file;
                                                                   prints what was imported and what did not translate
  courier export <collection> [--format postman|openapi] [--out FILE] [--include-secrets]
  courier export --workspace [--out FILE] [--include-secrets]      every collection and environment as diff-friendly YAML
  courier export --history [--format csv|json] [--status 4xx] [--method GET] [--q WORDS] [--out FILE]
`

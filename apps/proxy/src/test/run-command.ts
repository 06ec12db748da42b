import { spawn } from 'node:child_process'

export type Run = { status: number | null; output: string }

/** Runs a command to its end, collecting stdout and stderr; the environment is exactly `env`. */
export function runCommand(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', fail)
    child.on('close', (status) => done({ status, output }))
  })
}

/**
 * This process's environment without the CI, database and Vitest-worker variables
 * (COURIER_REQUIRE_POSTGRES too: `npm test` sets it for the suites it runs), plus `extra`.
 */
export function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) =>
        !/^(VITEST|CI$|TEST_DATABASE_URL$|COURIER_REQUIRE_POSTGRES$|COURIER_TEST_PG|NODE_OPTIONS$)/.test(name),
    ),
  )
  return { ...env, ...extra }
}

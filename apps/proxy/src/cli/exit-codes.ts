/** `courier run`'s exit codes, as `courier --help` and the README list them. */
export const EXIT = {
  /** Every request and test passed. */
  passed: 0,
  /** A test, a script or a request failed. */
  failed: 1,
  /** Bad usage: an unknown flag, a bad number, a missing value. */
  usage: 2,
  /** Bad collection: none of that name, a file missing, not JSON, not a Postman collection, a bad data or environment file. */
  collection: 3,
  /** The --server could not be reached or refused the token. */
  server: 4,
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/** A reason to stop with an exit code and a sentence for the person at the terminal. */
export class CliExit extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message)
    this.name = 'CliExit'
  }
}

export const usage = (message: string) => new CliExit(EXIT.usage, message)
export const badCollection = (message: string) => new CliExit(EXIT.collection, message)

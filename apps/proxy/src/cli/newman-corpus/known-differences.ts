/**
 * Collections of the corpus (corpus.test.ts) where `courier run` does not send what newman sends,
 * each with the reason. The test fails when one listed here agrees, or one not listed differs.
 */
export const KNOWN_DIFFERENCES: Record<string, string> = {}

/** Collections that need hosts other than postman-echo.com (which the local echo server stands in for): not run. */
export const NEEDS_INTERNET: Record<string, string> = {}

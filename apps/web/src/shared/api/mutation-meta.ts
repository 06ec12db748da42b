/**
 * What a mutation declares about its failure, read by the query client's mutation cache
 * (app/failure-notices.ts): `failure` names what failed in the person's words ("Could not rename
 * “Orders”"), `next` says what to do when the server's sentence does not; `shownInline` marks a
 * mutation whose component shows the error itself (a dialog's inline error, the response pane),
 * so it is not said twice. A mutation that declares nothing is still reported, in general words.
 */
export type MutationMeta = {
  failure?: (variables: never) => string
  next?: string
  shownInline?: boolean
}

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: MutationMeta
  }
}

/** How a caller of a mutation hook tells the person about a failure: its own words, or that it shows the error itself. */
export type FailureSay<I> = { failure?: (input: I) => string; shownInline?: boolean }

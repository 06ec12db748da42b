/** Where a response's decoded body bytes go: the body store, or nowhere for a redirect hop's body. */
export interface BodySink {
  write(chunk: Buffer): Promise<void>
  end(): Promise<void>
}

// postman-collection-transformer ships no types; only `convert` is used (postman-shapes.ts).
declare module 'postman-collection-transformer' {
  const transformer: {
    convert(
      collection: unknown,
      options: { inputVersion: string; outputVersion: string },
      callback: (error: Error | null, result: unknown) => void,
    ): void
  }
  export default transformer
}

declare module '@usebruno/lang' {
  const lang: unknown
  export default lang
}

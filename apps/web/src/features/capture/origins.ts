import { OriginSchema } from '@courier/shared'

/** Origins typed one per line or comma separated: trimmed, without a trailing slash, each once. */
export function parseOrigins(text: string, allowStar = false): { origins: string[]; problems: string[] } {
  const origins: string[] = []
  const problems: string[] = []
  for (const raw of text.split(/[\n,]/)) {
    const origin = raw.trim().replace(/\/+$/, '')
    if (!origin || origins.includes(origin)) continue
    if (allowStar && origin === '*') origins.push(origin)
    else if (OriginSchema.safeParse(origin).success) origins.push(origin)
    else problems.push(`“${origin}” is not an origin: write scheme, host and port, such as http://localhost:5173.`)
  }
  return { origins, problems }
}

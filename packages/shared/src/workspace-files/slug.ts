/** A file or folder name for a person's name: lower case, ASCII letters, digits and dashes, never empty. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '')
  return slug || 'untitled'
}

/**
 * Unique slugs for siblings, by id: when several share a slug (or one is `reserved`), the one with the
 * smallest id keeps it and the others get their id appended. Never depends on order or chance.
 */
export function uniqueSlugs(
  entries: readonly { id: string; name: string }[],
  reserved: readonly string[] = [],
): Map<string, string> {
  const groups = new Map<string, string[]>()
  for (const e of entries) {
    const slug = slugify(e.name)
    groups.set(slug, [...(groups.get(slug) ?? []), e.id])
  }
  const out = new Map<string, string>()
  const taken = new Set<string>()
  const claim = (id: string, wanted: string) => {
    let slug = wanted
    for (let n = 2; taken.has(slug) || reserved.includes(slug); n++) slug = `${wanted}-${n}`
    taken.add(slug)
    out.set(id, slug)
  }
  for (const [slug, ids] of groups) if (ids.length === 1 && !reserved.includes(slug)) claim(ids[0]!, slug)
  for (const [slug, ids] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (ids.length === 1 && !reserved.includes(slug)) continue
    const sorted = [...ids].sort()
    sorted.forEach((id, index) => {
      if (index === 0 && !reserved.includes(slug) && !taken.has(slug)) claim(id, slug)
      else claim(id, `${slug}-${slugify(id).slice(0, 12)}`)
    })
  }
  return out
}

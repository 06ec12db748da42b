/**
 * IPv4 addresses carried inside IPv6 addresses. Each form says whether the IPv6 address *is* its
 * IPv4 target (mapped, translated, compatible, NAT64: judged by the IPv4 address alone) or only
 * *leads* there through a tunnel (6to4, Teredo, ISATAP: judged by both).
 */
export type Embedded = { candidates: string[]; replacesOuter: boolean; floor?: 'reserved' }

type Groups = readonly number[]

function v4(hi: number, lo: number): string {
  return `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`
}

function bytesOf(groups: Groups): number[] {
  return groups.flatMap((g) => [g >> 8, g & 0xff])
}

/**
 * RFC 6052 §2.2 layouts: the IPv4 address starts right after a prefix of 32, 40, 48, 56, 64 or 96
 * bits, skipping bits 64–71 (the "u" octet), with zero bits after it. A layout counts only when
 * its u octet and suffix are zero; an all-zero candidate is kept only when no other layout fits.
 */
function rfc6052Candidates(groups: Groups, prefixLengths: readonly number[]): string[] {
  const bytes = bytesOf(groups)
  const found: string[] = []
  for (const length of prefixLengths) {
    const positions: number[] = []
    for (let i = length / 8; positions.length < 4; i++) if (i !== 8 || length === 96) positions.push(i)
    const last = positions[3]!
    const uZero = length === 96 || bytes[8] === 0
    const suffixZero = bytes.slice(last + 1).every((b) => b === 0)
    if (!uZero || !suffixZero) continue
    const [a, b, c, d] = positions.map((p) => bytes[p]!) as [number, number, number, number]
    found.push(`${a}.${b}.${c}.${d}`)
  }
  const nonZero = found.filter((address) => address !== '0.0.0.0')
  return nonZero.length > 0 ? nonZero : found
}

/** The IPv4 addresses an IPv6 address (as eight groups) embeds, or null when it embeds none. */
export function embeddedIpv4(groups: Groups): Embedded | null {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [number, number, number, number, number, number, number, number]
  const zeros = (...gs: number[]) => gs.every((g) => g === 0)

  // ::ffff:a.b.c.d (mapped, ::ffff:0:0/96) and ::ffff:0:a.b.c.d (translated, ::ffff:0:0:0/96).
  if (zeros(g0, g1, g2, g3, g4) && g5 === 0xffff) return { candidates: [v4(g6, g7)], replacesOuter: true }
  if (zeros(g0, g1, g2, g3) && g4 === 0xffff && g5 === 0) return { candidates: [v4(g6, g7)], replacesOuter: true }
  // ::a.b.c.d (compatible, ::/96, deprecated); :: and ::1 are IPv6's own.
  if (zeros(g0, g1, g2, g3, g4, g5) && !(g6 === 0 && g7 <= 1)) return { candidates: [v4(g6, g7)], replacesOuter: true }

  if (g0 === 0x64 && g1 === 0xff9b) {
    // NAT64 well-known prefix 64:ff9b::/96 (RFC 6052: only /96).
    if (zeros(g2, g3, g4, g5)) return { candidates: [v4(g6, g7)], replacesOuter: true }
    // Local-use 64:ff9b:1::/48 (RFC 8215): the operator picks the prefix length, so try each.
    if (g2 === 1) {
      const candidates = rfc6052Candidates(groups, [48, 56, 64, 96])
      return { candidates, replacesOuter: true, floor: candidates.length === 0 ? 'reserved' : undefined }
    }
    // The rest of 64:ff9b::/32 is not a translation prefix and not routable; any layout still counts.
    return { candidates: rfc6052Candidates(groups, [32, 40, 48, 56, 64, 96]), replacesOuter: true, floor: 'reserved' }
  }

  // 6to4 2002::/16: the relay's IPv4 address in bits 16–47.
  if (g0 === 0x2002) return { candidates: [v4(g1, g2)], replacesOuter: false }
  // Teredo 2001::/32: the server in clear (bits 32–63), the client XOR 0xffff (bits 96–127).
  if (g0 === 0x2001 && g1 === 0) return { candidates: [v4(g2, g3), v4(g6 ^ 0xffff, g7 ^ 0xffff)], replacesOuter: false }
  // ISATAP interface id (RFC 5214): 0000:5efe or 0200:5efe (u/g bits) before the IPv4 address.
  if ((g4 & 0xfcff) === 0 && g5 === 0x5efe) return { candidates: [v4(g6, g7)], replacesOuter: false }
  return null
}

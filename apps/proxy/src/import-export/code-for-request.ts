import { applyInheritance, resolveSpec } from '@courier/shared'
import type { CodegenInput, GeneratedCodeAnswer } from '@courier/shared/convert'
import { maskSecrets } from '../send/mask-secrets.js'
import { variableScopes } from '../send/resolve-request.js'
import type { Store } from '../storage/store.js'
import type { VariableValueStore } from '../storage/variable-values-store.js'
import { converters } from './converters.js'

/**
 * Copy as code: the request as its collection shapes it (inherited auth and headers), with
 * `{{variables}}` resolved (environment › folders › collection › globals) or kept, then code
 * for the target. Unless the person chose to reveal them, a secret variable stays `{{name}}` and
 * a typed credential becomes a placeholder named for its field (`{{token}}`, `{{password}}`).
 */
export async function codeForRequest(
  store: Pick<Store, 'collections' | 'environments'>,
  input: CodegenInput & { resolveVariables: boolean; revealSecrets: boolean },
  current?: VariableValueStore,
): Promise<GeneratedCodeAnswer> {
  const { generateCode, placeholderSpec, SecretTally } = await converters()
  const { chain, scopes } = await variableScopes(store, input.environmentId, input.itemId, current)
  let spec = applyInheritance(input.request as never, chain)
  const notes: string[] = []
  let secrets: { name: string; value: string }[] = []
  if (input.resolveVariables) {
    const { spec: resolved, report } = resolveSpec(spec, scopes)
    spec = resolved
    secrets = report.used.filter((u) => u.secret && u.value.length > 0).map(({ name, value }) => ({ name, value }))
    if (report.unresolved.length)
      notes.push(`No value for ${report.unresolved.map((n) => `{{${n}}}`).join(', ')}: kept as typed.`)
  }
  if (!input.revealSecrets) {
    // Secret variables back to their `{{name}}` first, so no encoding of them (Basic's base64) is built.
    spec = maskSecrets(spec, secrets)
    const tally = new SecretTally()
    spec = placeholderSpec(spec, tally)
    if (tally.count || secrets.length)
      notes.push('Secrets are shown as {{placeholders}}; choose “Reveal secrets” to put them in the code.')
  }
  const generated = generateCode(spec, input.target)
  const code = input.revealSecrets ? generated.code : maskSecrets(generated.code, secrets)
  return { target: input.target, language: generated.language, code, notes: [...notes, ...generated.notes] }
}

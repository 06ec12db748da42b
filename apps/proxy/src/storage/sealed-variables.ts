import type { Variable } from '@courier/shared'
import type { SecretBox } from '../secrets/secret-box.js'

/** Variables as stored: secret values sealed, the rest as typed. */
export function sealVariables(variables: readonly Variable[], box: SecretBox): Variable[] {
  return variables.map((v) => (v.secret && v.value !== '' ? { ...v, value: box.seal(v.value) } : v))
}

export function openVariables(variables: readonly Variable[], box: SecretBox): Variable[] {
  return variables.map((v) => {
    if (!v.secret || v.value === '') return v
    try {
      return { ...v, value: box.open(v.value) }
    } catch {
      // Sealed with another key (a copied database): the value is unrecoverable, not an error.
      return { ...v, value: '' }
    }
  })
}

import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'

// Without vitest globals Testing Library cannot register its own cleanup: each test starts on an empty page,
// and with nothing kept from the last (the tree's open folders and the layout live in localStorage).
afterEach(() => {
  cleanup()
  localStorage.clear()
})

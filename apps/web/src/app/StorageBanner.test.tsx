import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { StorageBanner } from './StorageBanner'

describe('the damaged data file banner', () => {
  it('says what the server found, and is absent while the file is sound or not yet checked', () => {
    const message = 'The data file /home/me/courier.sqlite is damaged (…). Courier stopped writing to it.'
    const { rerender } = render(<StorageBanner integrity={{ state: 'checking' }} />)
    expect(screen.queryByRole('alert')).toBeNull()
    rerender(<StorageBanner integrity={{ state: 'damaged', message }} />)
    expect(screen.getByRole('alert').textContent).toBe(message)
    rerender(<StorageBanner integrity={{ state: 'ok' }} />)
    expect(screen.queryByRole('alert')).toBeNull()
  })
})

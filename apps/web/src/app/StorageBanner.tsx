import type { StorageIntegrity } from '@courier/shared'

/** The server's background check found its data file damaged: say what that means before anyone keeps working. */
export function StorageBanner({ integrity }: { integrity: StorageIntegrity | undefined }) {
  if (integrity?.state !== 'damaged') return null
  return (
    <div className="banner" role="alert">
      {integrity.message}
    </div>
  )
}

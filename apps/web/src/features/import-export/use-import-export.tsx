import type { ImportCommitted, RequestSpec, SavedRequestItem } from '@courier/shared'
import { useCallback, useMemo, useState, type ReactNode } from 'react'
import { CopyAsCodeDialog } from './CopyAsCodeDialog'
import type { EditorActions } from './editor-actions'
import { ExportDialog } from './ExportDialog'
import { ImportDialog } from './ImportDialog'
import type { ExportTarget } from './import-export-queries'
import { useCurlPaste } from './use-curl-paste'

export type ImportExportHost = {
  /** The active tab's request, environment and saved item (for copy as code). */
  request: RequestSpec | null
  environmentId: string | null
  itemId: string | null
  /** Replaces the active tab's request (a pasted cURL command). */
  loadRequest: (spec: RequestSpec) => void
  /** Opens a saved request in a tab. */
  openRequest: (item: SavedRequestItem) => void
  showCollections: () => void
  notify: (text: string) => void
}

/**
 * Everything import/export adds to the shell in one place: the three dialogs, what the URL bar
 * may ask for (Code, cURL paste) and the openers the sidebar and palette call.
 */
export function useImportExport(host: ImportExportHost) {
  const [importing, setImporting] = useState(false)
  const [exporting, setExporting] = useState<ExportTarget | null>(null)
  const [coding, setCoding] = useState(false)
  const [expandId, setExpandId] = useState<string | null>(null)
  const { loadRequest, notify, openRequest, showCollections } = host
  const pasteCurl = useCurlPaste(loadRequest, notify)
  const actions = useMemo<EditorActions>(() => ({ openCode: () => setCoding(true), pasteCurl }), [pasteCurl])

  const onImported = useCallback(
    (committed: ImportCommitted) => {
      showCollections()
      const first = committed.collections[0]
      if (first) setExpandId(first.id)
      const request = first?.items.find((item): item is SavedRequestItem => item.kind === 'request')
      if (request) openRequest(request)
      const parts = [
        committed.collections.length &&
          `${committed.collections.length} collection${committed.collections.length > 1 ? 's' : ''}`,
        committed.environments.length &&
          `${committed.environments.length} environment${committed.environments.length > 1 ? 's' : ''}`,
      ].filter(Boolean)
      notify(`Imported ${parts.join(' and ')}.`)
    },
    [notify, openRequest, showCollections],
  )

  const dialogs: ReactNode = (
    <>
      <ImportDialog open={importing} onClose={() => setImporting(false)} onImported={onImported} />
      <ExportDialog target={exporting} onClose={() => setExporting(null)} />
      <CopyAsCodeDialog
        open={coding}
        onClose={() => setCoding(false)}
        request={host.request}
        environmentId={host.environmentId}
        itemId={host.itemId}
      />
    </>
  )

  return {
    actions,
    dialogs,
    expandId,
    openImport: () => setImporting(true),
    openExport: setExporting,
    openCode: () => setCoding(true),
  }
}

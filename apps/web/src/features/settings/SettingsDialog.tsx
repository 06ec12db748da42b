import type { AppSettings } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Dialog } from '../../shared/ui/Dialog'
import { RealtimeSettingsForm } from '../realtime'
import { WorkspaceFolderSection } from '../workspace-files'
import { HistorySettingsForm } from './HistorySettingsForm'
import { SendSettingsForm } from './SendSettingsForm'
import { ThemeSwitch } from './ThemeSwitch'
import { ViewSettingsForm } from './ViewSettingsForm'
import { appSettingsOptions, useSaveSettings } from './settings-queries'
import './settings.css'

/** The app Settings page: the defaults every request starts from, kept in Courier's database. */
export function SettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { data } = useQuery({ ...appSettingsOptions(), enabled: open })
  const save = useSaveSettings()
  const [draft, setDraft] = useState<AppSettings | null>(null)
  const value = draft ?? data ?? null

  const close = () => {
    setDraft(null)
    onClose()
  }

  return (
    <Dialog
      title="Settings"
      open={open}
      onClose={close}
      footer={
        <>
          {save.error ? <span className="inline-error">{save.error.message}</span> : null}
          <span className="dialog__spacer" />
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={!draft || save.isPending}
            onClick={() => draft && save.mutate(draft, { onSuccess: close })}
          >
            Save
          </button>
        </>
      }
    >
      <ThemeSwitch />
      <h3 className="settings-dialog__heading settings-form__section">Defaults for every request</h3>
      <p className="hint settings-dialog__intro">Each request can override these in its own Settings tab.</p>
      {value ? (
        <>
          <SendSettingsForm value={value.send} onChange={(send) => setDraft({ ...value, send })} />
          <h3 className="settings-dialog__heading settings-form__section">Responses</h3>
          <ViewSettingsForm value={value.view} onChange={(view) => setDraft({ ...value, view })} />
          <h3 className="settings-dialog__heading settings-form__section">History</h3>
          <HistorySettingsForm value={value.history} onChange={(history) => setDraft({ ...value, history })} />
          <h3 className="settings-dialog__heading settings-form__section">Realtime</h3>
          <RealtimeSettingsForm value={value.realtime} onChange={(realtime) => setDraft({ ...value, realtime })} />
          <WorkspaceFolderSection />
        </>
      ) : (
        <p className="empty-note">Loading…</p>
      )}
    </Dialog>
  )
}

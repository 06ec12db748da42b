import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
// The global sheet and shared controls first; each component's own sheet, imported beside it, follows.
import './styles.css'
import './shared/ui/controls.css'
import { App } from './app/App'
import { AppProviders } from './app/AppProviders'
import { startTheme } from './shared/ui/theme'

startTheme()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProviders>
      <App />
    </AppProviders>
  </StrictMode>,
)

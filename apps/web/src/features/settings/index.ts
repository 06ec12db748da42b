export { SettingsDialog } from './SettingsDialog'
export { appSettingsOptions } from './settings-queries'

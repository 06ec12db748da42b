import type { Locator, Page } from '@playwright/test'

/** The realtime request (kind, Connect) and its view (composer, saved messages, timeline), by role and label. */
export class RealtimePage {
  constructor(private readonly page: Page) {}

  readonly kind = () => this.page.getByRole('combobox', { name: 'Request kind' })
  readonly connectButton = () => this.page.getByRole('button', { name: 'Connect', exact: true })
  readonly disconnectButton = () => this.page.getByRole('button', { name: 'Disconnect', exact: true })
  readonly subscribeButton = () => this.page.getByRole('button', { name: 'Subscribe', exact: true })
  readonly view = () => this.page.getByRole('region', { name: 'Realtime session' })
  readonly status = () => this.view().getByRole('status', { name: 'Connection status' })
  readonly count = () => this.view().getByLabel('Frame count')
  readonly alert = () => this.view().getByRole('alert')
  readonly handshakeToggle = () => this.view().getByText(/^Handshake/)
  readonly handshakeHeaders = (which: 'Request headers' | 'Response headers') => this.view().getByLabel(which)
  readonly alertCode = (alert: Locator) => alert.locator('.error-alert__code')
  /** An error alert's sentence (without its code and phase). */
  readonly alertSentence = (alert: Locator) => alert.locator('.error-alert__message')
  readonly format = () => this.view().getByRole('combobox', { name: 'Message format' })
  readonly sendMessageButton = () => this.view().getByRole('button', { name: 'Send message', exact: true })
  readonly pingButton = () => this.view().getByRole('button', { name: 'Ping', exact: true })
  readonly eventName = () => this.view().getByRole('textbox', { name: 'Event name' })
  readonly waitForAck = () => this.view().getByRole('checkbox', { name: 'Wait for ack' })
  readonly listenTo = () => this.view().getByRole('textbox', { name: 'Listen to events' })
  readonly subprotocols = () => this.view().getByRole('textbox', { name: 'Subprotocols' })
  readonly reconnect = () => this.view().getByRole('checkbox', { name: /Reconnect when the stream ends/ })
  readonly messageName = () => this.view().getByRole('textbox', { name: 'Message name' })
  readonly saveMessageButton = () => this.view().getByRole('button', { name: 'Save message', exact: true })
  readonly savedMessages = () => this.view().getByRole('region', { name: 'Saved messages' })
  readonly loadSaved = (name: string) => this.savedMessages().getByRole('button', { name: `Load ${name}` })
  readonly sendSaved = (name: string) => this.savedMessages().getByRole('button', { name: `Send ${name}` })
  readonly deleteSaved = (name: string) => this.savedMessages().getByRole('button', { name: `Delete ${name}` })
  readonly composer = () => this.view().locator('.realtime-composer .monaco-editor')
  readonly timeline = () => this.view().getByRole('listbox', { name: 'Frames' })
  readonly frames = () => this.timeline().getByRole('option')
  /** Rows whose text (direction, time, type, size, data) matches. */
  readonly frame = (text: string | RegExp) => this.frames().filter({ hasText: text })
  readonly detail = () => this.view().getByRole('region', { name: 'Frame detail' })
  readonly directionFilter = () => this.view().getByRole('combobox', { name: 'Direction filter' })
  readonly typeFilter = () => this.view().getByRole('combobox', { name: 'Type filter' })
  readonly search = () => this.view().getByRole('searchbox', { name: 'Search frames' })
  readonly clearButton = () => this.view().getByRole('button', { name: 'Clear', exact: true })

  /** Replaces the GraphQL body's query (Body tab open). */
  async writeGraphqlQuery(text: string) {
    const editor = this.page.getByRole('tabpanel', { name: 'Body' }).locator('.monaco-editor').first()
    await editor.waitFor()
    await editor.click()
    await this.page.keyboard.press('Control+A')
    await this.page.keyboard.press('Delete')
    await this.page.keyboard.insertText(text)
  }

  /** Replaces the composer's text; inserted whole, so Monaco's auto-closing does not change it. */
  async writeMessage(text: string) {
    const editor = this.view().locator('.realtime-composer .monaco-editor')
    await editor.waitFor()
    await editor.click()
    await this.page.keyboard.press('Control+A')
    await this.page.keyboard.press('Delete')
    await this.page.keyboard.insertText(text)
  }
}

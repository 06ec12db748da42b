import type { Page } from '@playwright/test'

/** The sidebar's frame: its width splitter and collapse button (its views have their own pages). */
export class SidebarPage {
  constructor(private readonly page: Page) {}

  readonly region = () => this.page.getByRole('complementary', { name: 'Sidebar' })
  readonly splitter = () => this.page.getByRole('separator', { name: 'Resize sidebar' })
  readonly collapseButton = () => this.page.getByRole('button', { name: 'Collapse sidebar' })
  readonly expandButton = () => this.page.getByRole('button', { name: 'Expand sidebar' })
  readonly viewTabs = () => this.page.getByRole('tablist', { name: 'Sidebar' })

  /** The sidebar's width on screen, in CSS pixels. */
  async width() {
    const box = await this.region().boundingBox()
    if (!box) throw new Error('the sidebar is not on screen')
    return box.width
  }
}

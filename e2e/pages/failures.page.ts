import type { APIRequestContext, Page } from '@playwright/test'

/** The notice a failed action leaves (app/FailureNotice): an alert with what failed and what to do. */
export class FailuresPage {
  constructor(private readonly page: Page) {}

  readonly notice = () => this.page.getByRole('alert').filter({ hasText: /^Could not / })
  readonly dismiss = () => this.notice().getByRole('button', { name: 'Dismiss error' })
}

/** Courier's API as another tab or a teammate would use it, with the page's per-start token. */
export async function courierApi(request: APIRequestContext, courierUrl: string) {
  const html = await (await request.get(courierUrl)).text()
  const token = /name="courier-token" content="([^"]+)"/.exec(html)?.[1] ?? ''
  const headers = { 'x-courier-token': token }
  return {
    async itemId(collectionName: string, itemName: string): Promise<string> {
      const trees = (await (await request.get(`${courierUrl}api/collections`, { headers })).json()) as {
        name: string
        items: { id: string; name: string }[]
      }[]
      const item = trees.find((tree) => tree.name === collectionName)?.items.find((i) => i.name === itemName)
      if (!item) throw new Error(`no item “${itemName}” in “${collectionName}”`)
      return item.id
    },
    async deleteItem(id: string): Promise<void> {
      const response = await request.delete(`${courierUrl}api/items/${id}`, { headers })
      if (!response.ok()) throw new Error(`deleting ${id} answered ${response.status()}`)
    },
  }
}

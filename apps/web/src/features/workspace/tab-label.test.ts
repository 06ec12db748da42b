import { RequestSpecSchema } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { pathTitle, tabLabel } from './tab-label'

const tab = (title: string, method = 'POST') => ({
  title,
  draft: { spec: RequestSpecSchema.parse({ method, url: 'http://127.0.0.1:3000/users' }) },
})

describe('tabLabel', () => {
  it('never repeats the method the badge already shows', () => {
    expect(tabLabel(tab('POST 127.0.0.1:3000/users'))).toBe('127.0.0.1:3000/users')
  })

  it('keeps a name that only starts with a word like a method', () => {
    expect(tabLabel(tab('Posting rules'))).toBe('Posting rules')
    expect(tabLabel(tab('GET users', 'POST'))).toBe('GET users')
    expect(tabLabel(tab('Get cart', 'GET'))).toBe('Get cart')
  })

  it('names an empty tab', () => {
    expect(tabLabel(tab(''))).toBe('New request')
    expect(tabLabel(tab('POST '))).toBe('New request')
  })
})

describe('pathTitle', () => {
  it('shows the path, which tells tabs to one host apart', () => {
    expect(pathTitle('http://127.0.0.1:3000/api/v1/users/15/orders?x=1')).toBe('/api/v1/users/15/orders')
    expect(pathTitle('{{baseUrl}}/orders#top')).toBe('/orders')
  })

  it('falls back to the host when there is no path', () => {
    expect(pathTitle('https://example.test/')).toBe('example.test')
    expect(pathTitle('')).toBe('')
  })
})

/** The parts of HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) Courier reads and writes. */
export type HarNameValue = { name: string; value: string; comment?: string }
export type HarParam = { name: string; value?: string; fileName?: string; contentType?: string }
export type HarPostData = { mimeType: string; text?: string; params?: HarParam[] }
export type HarRequest = {
  method: string
  url: string
  httpVersion: string
  cookies: HarNameValue[]
  headers: HarNameValue[]
  queryString: HarNameValue[]
  postData?: HarPostData
  headersSize: number
  bodySize: number
  comment?: string
}

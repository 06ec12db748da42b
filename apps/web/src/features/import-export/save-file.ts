import type { ExportFile } from '@courier/shared'

/** Hands an export to the browser as a download (a Blob URL, revoked right after). */
export function saveFile(file: ExportFile): void {
  const content = file.encoding === 'base64' ? Uint8Array.from(atob(file.text), (c) => c.charCodeAt(0)) : file.text
  const url = URL.createObjectURL(new Blob([content], { type: file.mediaType }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.filename
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

import { ApiErrorSchema, FILES_PATH, FileUploadResponseSchema, TOKEN_HEADER, type FileRef } from '@courier/shared'
import { ApiError, pageToken } from './proxy-client'
import { workspaceHeaders } from './current-workspace'

/**
 * Uploads one file to Courier as multipart/form-data. The browser streams it (never base64 in
 * JSON); XMLHttpRequest because fetch cannot report upload progress.
 */
export function uploadFile(
  file: File,
  onProgress?: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<FileRef> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', FILES_PATH)
    xhr.setRequestHeader(TOKEN_HEADER, pageToken())
    for (const [name, value] of Object.entries(workspaceHeaders())) xhr.setRequestHeader(name, value)
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded / event.total)
    }
    xhr.onload = () => {
      let body: unknown
      try {
        body = JSON.parse(xhr.responseText)
      } catch {
        body = null
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        const parsed = FileUploadResponseSchema.safeParse(body)
        if (parsed.success) return resolve(parsed.data)
      }
      const error = ApiErrorSchema.safeParse(body)
      reject(
        error.success
          ? new ApiError(error.data.error.code, error.data.error.message, xhr.status)
          : new ApiError('INTERNAL', `The upload failed (${xhr.status}).`, xhr.status),
      )
    }
    xhr.onerror = () => reject(new ApiError('INTERNAL', 'The upload could not reach Courier.', 0))
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'))
    signal?.addEventListener('abort', () => xhr.abort(), { once: true })
    const form = new FormData()
    form.append('file', file, file.name)
    xhr.send(form)
  })
}

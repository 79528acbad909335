import { api, call } from '../api/client'
import { ApiProblem } from '../api/problem'
import type { UploadInfo } from '../api/types'
import type { UploadTransport } from './uploadQueue'

/** The server's direct path: presign, PUT the bytes to the URL it answers (storage itself, with progress events),
 * then complete, which checks the video with ffprobe. */
export const directUpload: UploadTransport = {
  async send(file, onProgress, signal) {
    const presigned = await call(api.POST('/api/v1/uploads/presign', {
      body: { fileName: file.name, contentType: file.type || 'video/mp4', size: file.size },
    }))
    await put(presigned.url ?? '', file, presigned.headers ?? {}, onProgress, signal)
    return (await call(api.POST('/api/v1/uploads/{id}/complete', { params: { path: { id: presigned.uploadId! } }, body: {} }))) as UploadInfo
  },
}

function put(url: string, file: File, headers: Record<string, string>, onProgress: (loaded: number) => void, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('PUT', url)
    Object.entries(headers).forEach(([k, v]) => xhr.setRequestHeader(k, v))
    xhr.upload.onprogress = (e) => onProgress(e.loaded)
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(file.size)
        resolve()
      } else {
        let body: Record<string, unknown> | undefined
        try {
          body = JSON.parse(xhr.responseText) as Record<string, unknown>
        } catch {
          body = { title: `Upload refused (${xhr.status})` }
        }
        reject(new ApiProblem(xhr.status, body))
      }
    }
    xhr.onerror = () => reject(new ApiProblem(0, { title: 'The upload was interrupted' }))
    xhr.onabort = () => reject(new ApiProblem(0, { title: 'Cancelled' }))
    signal.addEventListener('abort', () => xhr.abort())
    xhr.send(file)
  })
}

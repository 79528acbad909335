import { api, call } from '../api/client'
import type { JobInfo } from '../api/types'
import type { Confirmation } from '../components/ConfirmDialog'

/** Fetches a fresh signed link to the result and lets the browser save it (the link carries its file name). */
export async function downloadResult(job: Pick<JobInfo, 'id' | 'originalFilename'>): Promise<void> {
  const link = await call(api.GET('/api/v1/jobs/{id}/download', { params: { path: { id: job.id }, query: { redirect: false } } }))
  const a = document.createElement('a')
  a.href = link.url!
  a.download = `${job.originalFilename.replace(/\.[^.]+$/, '')}-clean.mp4`
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
}

export const cancelJob = async (id: string) => (await call(api.POST('/api/v1/jobs/{id}/cancel', { params: { path: { id } }, body: {} }))) as JobInfo

export const deleteJob = (id: string) => call(api.DELETE('/api/v1/jobs/{id}', { params: { path: { id } } }))

/** The confirmation before deleting a job; `after` runs once it is deleted. */
export const deleteConfirmation = (job: Pick<JobInfo, 'id' | 'displayName'>, after: () => unknown): Confirmation => ({
  title: 'Delete this job?',
  body: `“${job.displayName}” and its files will be deleted. Its credit history stays.`,
  confirmLabel: 'Delete',
  destructive: true,
  action: async () => {
    await deleteJob(job.id)
    await after()
  },
})

import Box from '@mui/material/Box'
import Chip from '@mui/material/Chip'
import LinearProgress from '@mui/material/LinearProgress'
import Typography from '@mui/material/Typography'
import type { JobInfo, JobStatus } from '../api/types'

export const jobStatuses: JobStatus[] = ['Queued', 'Processing', 'Completed', 'Failed', 'Cancelled']

const colors: Record<JobStatus, 'default' | 'info' | 'success' | 'error' | 'warning'> = {
  Queued: 'default',
  Processing: 'info',
  Completed: 'success',
  Failed: 'error',
  Cancelled: 'warning',
}

export const isRunning = (job: Pick<JobInfo, 'status'>) => job.status === 'Queued' || job.status === 'Processing'

export function JobStatusChip({ status }: { status: JobStatus }) {
  return <Chip size="small" label={status} color={colors[status]} variant={status === 'Queued' ? 'outlined' : 'filled'} />
}

/** Status and, while the job runs, its progress bar with the percentage as text (screen readers get both). */
export function JobProgress({ job }: { job: JobInfo }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 160 }} data-testid="job-progress" data-status={job.status}
      data-progress={job.progressPercentage}>
      <JobStatusChip status={job.status} />
      {isRunning(job) && (
        <>
          <LinearProgress variant="determinate" value={job.progressPercentage} sx={{ flexGrow: 1, minWidth: 60 }}
            aria-label={`Progress of ${job.displayName}`} />
          <Typography variant="body2" sx={{ minWidth: 36, textAlign: 'right' }}>{job.progressPercentage} %</Typography>
        </>
      )}
      {job.status === 'Completed' && <Typography variant="body2">100 %</Typography>}
    </Box>
  )
}

/** Merges a pushed job into a list: replaces it when listed, leaves the list alone otherwise. */
export function mergeJob(list: JobInfo[], job: JobInfo): JobInfo[] {
  return list.some((j) => j.id === job.id) ? list.map((j) => (j.id === job.id ? job : j)) : list
}

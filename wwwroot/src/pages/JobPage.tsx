import { useCallback, useEffect, useState } from 'react'
import { Link as RouterLink, useNavigate, useParams } from 'react-router-dom'
import Alert from '@mui/material/Alert'
import AlertTitle from '@mui/material/AlertTitle'
import Box from '@mui/material/Box'
import Breadcrumbs from '@mui/material/Breadcrumbs'
import Button from '@mui/material/Button'
import Grid from '@mui/material/Grid'
import Link from '@mui/material/Link'
import List from '@mui/material/List'
import ListItem from '@mui/material/ListItem'
import ListItemText from '@mui/material/ListItemText'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import DownloadIcon from '@mui/icons-material/Download'
import { api, call } from '../api/client'
import type { JobEventInfo, JobInfo, JobMedia, MediaInfoSummary } from '../api/types'
import { useAuth } from '../auth'
import { ConfirmDialog, type Confirmation } from '../components/ConfirmDialog'
import { ProblemAlert } from '../components/ProblemAlert'
import { useToasts } from '../components/Toasts'
import { bytes, dateTime, duration } from '../format'
import { Comparison } from '../jobs/Comparison'
import { cancelJob, deleteConfirmation, downloadResult } from '../jobs/jobActions'
import { JobProgress, isRunning } from '../jobs/JobStatusView'
import { useJobEvents } from '../realtime/jobEvents'
import { Loading } from '../App'

/** What a failure means for the user, by the server's stable error code. */
const failureHints: Record<string, string> = {
  'input-unreadable': 'The video could not be read. Check that it plays on your computer, then upload it again.',
  'processor-unavailable': 'The processing service was not available. Your credits were released; try again in a few minutes.',
  'timed-out': 'Processing took too long and was stopped. Your credits were released; shorter clips finish sooner.',
  'processing-error': 'Something went wrong while removing the text. Your credits were released.',
}

const eventLabels: Record<string, string> = {
  queued: 'Queued',
  started: 'Processing started',
  submitting: 'Sending to the processor',
  submitted: 'Accepted by the processor',
  progress: 'Progress',
  requeued: 'Retrying',
  adopted: 'Picked up again after a restart',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
  'result-replaced': 'Result replaced',
}

function Facts({ rows }: { rows: Array<[string, string | number]> }) {
  return (
    <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 2, rowGap: 0.5, m: 0 }}>
      {rows.map(([k, v]) => (
        <Box key={k} sx={{ display: 'contents' }}>
          <Typography component="dt" color="text.secondary">{k}</Typography>
          <Typography component="dd" sx={{ m: 0, wordBreak: 'break-word' }}>{v}</Typography>
        </Box>
      ))}
    </Box>
  )
}

/** One job: live status, the result next to the original, what went in, what it cost, and its history. */
export function JobPage() {
  const { id = '' } = useParams()
  const navigate = useNavigate()
  const toasts = useToasts()
  const { reload: reloadMe } = useAuth()
  const [job, setJob] = useState<JobInfo | null>(null)
  const [media, setMedia] = useState<JobMedia | null>(null)
  const [events, setEvents] = useState<JobEventInfo[]>([])
  const [error, setError] = useState<unknown>(null)
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null)

  const loadDetails = useCallback(async () => {
    const [m, e] = await Promise.all([
      call(api.GET('/api/v1/jobs/{id}/media', { params: { path: { id } } })).catch(() => null),
      call(api.GET('/api/v1/jobs/{id}/events', { params: { path: { id } } })).catch(() => []),
    ])
    setMedia(m as JobMedia | null)
    setEvents(e as JobEventInfo[])
  }, [id])

  useEffect(() => {
    setJob(null)
    call(api.GET('/api/v1/jobs/{id}', { params: { path: { id } } }))
      .then((j) => setJob(j as JobInfo))
      .catch(setError)
    void loadDetails()
  }, [id, loadDetails])

  useJobEvents((pushed) => {
    if (pushed.id !== id) return
    setJob((current) => {
      if (current && current.status !== pushed.status) {
        void loadDetails()
        if (!isRunning(pushed)) void reloadMe()
      }
      return pushed
    })
  })

  if (error) return <ProblemAlert error={error} />
  if (!job) return <Loading />

  const input = job.input as MediaInfoSummary | null
  const regions = job.config.regions ?? []
  const what = job.config.autoDetect === false ? `Only ${regions.length} marked region${regions.length === 1 ? '' : 's'}`
    : regions.length > 0 ? `Text found inside ${regions.length} region${regions.length === 1 ? '' : 's'}` : 'All text, found automatically'

  return (
    <Box>
      <Breadcrumbs sx={{ mb: 1 }}>
        <Link component={RouterLink} to="/jobs">Jobs</Link>
        <Typography color="text.primary">{job.displayName}</Typography>
      </Breadcrumbs>
      <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ justifyContent: 'space-between', alignItems: { sm: 'center' }, gap: 1, mb: 2 }}>
        <Typography variant="h4" component="h1" sx={{ wordBreak: 'break-word' }}>{job.displayName}</Typography>
        <Stack direction="row" spacing={1}>
          {job.outputReady && (
            <Button variant="contained" startIcon={<DownloadIcon />} onClick={() => void downloadResult(job).catch(toasts.problem)}>Download</Button>
          )}
          {isRunning(job) ? (
            <Button color="warning" variant="outlined" onClick={() => void cancelJob(job.id).then((j) => (setJob(j), reloadMe(), toasts.show('Job cancelled; its credits are released.'))).catch(toasts.problem)}>
              Cancel
            </Button>
          ) : (
            <Button color="error" onClick={() => setConfirmation(deleteConfirmation(job, () => {
                toasts.show('Job deleted.')
                navigate('/jobs')
              }))}>Delete</Button>
          )}
        </Stack>
      </Stack>

      <Paper sx={{ p: 2, mb: 2 }} aria-live="polite">
        <JobProgress job={job} />
        {job.status === 'Failed' && job.error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            <AlertTitle>This job failed</AlertTitle>
            {failureHints[job.error.code ?? ''] ?? 'The text could not be removed. Your credits were released.'}
            <Typography variant="body2" sx={{ mt: 1 }}>Details: {job.error.message}</Typography>
          </Alert>
        )}
        {job.status === 'Cancelled' && <Alert severity="info" sx={{ mt: 2 }}>Cancelled. Nothing was charged.</Alert>}
      </Paper>

      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 8 }}>
          <Paper sx={{ p: 2 }}>
            <Typography variant="h6" component="h2" gutterBottom>Before and after</Typography>
            {media?.inputUrl && media.outputUrl ? (
              <Comparison before={media.inputUrl} after={media.outputUrl} />
            ) : media?.inputUrl ? (
              <>
                <Box component="video" src={media.inputUrl} controls muted playsInline preload="metadata" aria-label="Original video" sx={{ width: '100%', bgcolor: 'black' }} />
                <Typography variant="body2" color="text.secondary">
                  {isRunning(job) ? 'The cleaned video appears here when the job completes.' : 'There is no cleaned video for this job.'}
                </Typography>
              </>
            ) : (
              <Typography color="text.secondary">The videos are no longer stored.</Typography>
            )}
          </Paper>
        </Grid>
        <Grid size={{ xs: 12, lg: 4 }}>
          <Stack spacing={2}>
            <Paper sx={{ p: 2 }}>
              <Typography variant="h6" component="h2" gutterBottom>Details</Typography>
              <Facts rows={[
                ['File', job.originalFilename],
                ...(input ? [['Video', `${input.width}×${input.height}, ${duration(input.durationSeconds)}`], ['Size', bytes(input.size)]] as Array<[string, string]> : []),
                ['Cleaning', what],
                ['Quality', job.config.quality ?? 'Standard'],
                ['Processor', job.processor],
                ['Credits reserved', job.estimatedCredits],
                ['Credits charged', job.actualCreditsUsed ?? (isRunning(job) ? 'when it completes' : 'none')],
                ['Created', dateTime(job.createdAt)],
                ['Finished', dateTime(job.completedAt)],
              ]} />
            </Paper>
            <Paper sx={{ p: 2 }}>
              <Typography variant="h6" component="h2">Timeline</Typography>
              <List dense aria-label="Timeline" data-testid="timeline">
                {events.map((e, i) => (
                  <ListItem key={i} disableGutters>
                    <ListItemText primary={eventLabels[e.kind] ?? e.kind} secondary={`${dateTime(e.at)}${e.message ? ` · ${e.message}` : ''}`} />
                  </ListItem>
                ))}
                {events.length === 0 && <ListItem disableGutters><ListItemText secondary="No events yet." /></ListItem>}
              </List>
            </Paper>
          </Stack>
        </Grid>
      </Grid>
      <ConfirmDialog confirmation={confirmation} onClose={() => setConfirmation(null)} />
    </Box>
  )
}

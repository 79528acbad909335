import { useCallback, useEffect, useState } from 'react'
import { Link as RouterLink } from 'react-router-dom'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Card from '@mui/material/Card'
import CardContent from '@mui/material/CardContent'
import Grid from '@mui/material/Grid'
import List from '@mui/material/List'
import ListItemButton from '@mui/material/ListItemButton'
import ListItemText from '@mui/material/ListItemText'
import Paper from '@mui/material/Paper'
import Typography from '@mui/material/Typography'
import UploadIcon from '@mui/icons-material/CloudUpload'
import { api, call } from '../api/client'
import type { JobInfo } from '../api/types'
import { useAuth } from '../auth'
import { ProblemAlert } from '../components/ProblemAlert'
import { dateTime } from '../format'
import { JobProgress, isRunning, mergeJob } from '../jobs/JobStatusView'
import { useJobEvents } from '../realtime/jobEvents'
import { Loading } from '../App'

function Figure({ label, value, hint }: { label: string; value: number | string; hint: string }) {
  return (
    <Card sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="overline" color="text.secondary" component="h2">{label}</Typography>
        <Typography variant="h4" component="p">{value}</Typography>
        <Typography variant="body2" color="text.secondary">{hint}</Typography>
      </CardContent>
    </Card>
  )
}

/** Balance, the latest jobs (live) and the way to a first upload. */
export function Dashboard() {
  const { me } = useAuth()
  const [jobs, setJobs] = useState<JobInfo[] | null>(null)
  const [total, setTotal] = useState(0)
  const [error, setError] = useState<unknown>(null)

  const load = useCallback(async () => {
    try {
      const page = await call(api.GET('/api/v1/jobs', { params: { query: { page: 1, pageSize: 5 } } }))
      setJobs((page.items ?? []) as JobInfo[])
      setTotal(page.total ?? 0)
    } catch (e) {
      setError(e)
    }
  }, [])
  useEffect(() => void load(), [load])
  useJobEvents((job) => setJobs((list) => (list ? mergeJob(list, job) : list)))

  const credits = me?.credits
  const running = jobs?.filter(isRunning).length ?? 0
  return (
    <Box>
      <Typography variant="h4" component="h1" gutterBottom>
        {me?.user.displayName ? `Hello, ${me.user.displayName}` : 'Dashboard'}
      </Typography>
      <Grid container spacing={2} sx={{ mb: 3 }}>
        <Grid size={{ xs: 12, sm: 4 }}>
          <Figure label="Available credits" value={credits?.available ?? '—'} hint="What new jobs can use." />
        </Grid>
        <Grid size={{ xs: 6, sm: 4 }}>
          <Figure label="Reserved" value={credits?.reserved ?? '—'} hint="Held by running jobs." />
        </Grid>
        <Grid size={{ xs: 6, sm: 4 }}>
          <Figure label="Running jobs" value={jobs ? running : '—'} hint={`${total} job${total === 1 ? '' : 's'} in all.`} />
        </Grid>
      </Grid>

      {error ? <ProblemAlert error={error} /> : null}
      {!jobs && !error && <Loading />}
      {jobs && jobs.length === 0 && (
        <Paper sx={{ p: { xs: 3, sm: 5 }, textAlign: 'center' }}>
          <Typography variant="h5" component="h2" gutterBottom>Remove the text from your first video</Typography>
          <Typography color="text.secondary" sx={{ mb: 3 }}>
            Upload an MP4, MOV or AVI file, mark the subtitles or let us find them, and download the clean video.
          </Typography>
          <Button component={RouterLink} to="/new" variant="contained" size="large" startIcon={<UploadIcon />}>
            Upload your first video
          </Button>
        </Paper>
      )}
      {jobs && jobs.length > 0 && (
        <Paper sx={{ p: 2 }}>
          <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 1, flexWrap: 'wrap' }}>
            <Typography variant="h6" component="h2">Recent jobs</Typography>
            <Box sx={{ display: 'flex', gap: 1 }}>
              <Button component={RouterLink} to="/jobs">All jobs</Button>
              <Button component={RouterLink} to="/new" variant="contained" startIcon={<UploadIcon />}>New job</Button>
            </Box>
          </Box>
          <List aria-label="Recent jobs">
            {jobs.map((job) => (
              <ListItemButton key={job.id} component={RouterLink} to={`/jobs/${job.id}`} sx={{ gap: 2, flexWrap: 'wrap' }}>
                <ListItemText primary={job.displayName} secondary={dateTime(job.createdAt)} sx={{ minWidth: 180 }} />
                <JobProgress job={job} />
              </ListItemButton>
            ))}
          </List>
        </Paper>
      )}
    </Box>
  )
}

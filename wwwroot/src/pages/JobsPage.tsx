import { useCallback, useEffect, useRef, useState } from 'react'
import { Link as RouterLink, useSearchParams } from 'react-router-dom'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import IconButton from '@mui/material/IconButton'
import Link from '@mui/material/Link'
import MenuItem from '@mui/material/MenuItem'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TablePagination from '@mui/material/TablePagination'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import Tooltip from '@mui/material/Tooltip'
import Typography from '@mui/material/Typography'
import CancelIcon from '@mui/icons-material/Cancel'
import DeleteIcon from '@mui/icons-material/Delete'
import DownloadIcon from '@mui/icons-material/Download'
import UploadIcon from '@mui/icons-material/CloudUpload'
import { api, call } from '../api/client'
import type { JobInfo, JobStatus } from '../api/types'
import { useAuth } from '../auth'
import { ConfirmDialog, type Confirmation } from '../components/ConfirmDialog'
import { ProblemAlert } from '../components/ProblemAlert'
import { useToasts } from '../components/Toasts'
import { dateTime } from '../format'
import { cancelJob, deleteConfirmation, downloadResult } from '../jobs/jobActions'
import { JobProgress, isRunning, jobStatuses, mergeJob } from '../jobs/JobStatusView'
import { useJobEvents } from '../realtime/jobEvents'

/** The account's jobs, live: statuses and progress arrive over SignalR. Filters and paging live in the URL. */
export function JobsPage() {
  const [params, setParams] = useSearchParams()
  const status = (params.get('status') ?? '') as JobStatus | ''
  const search = params.get('q') ?? ''
  const page = Math.max(0, Number(params.get('page') ?? 0))
  const pageSize = Number(params.get('size') ?? 10)
  const [typed, setTyped] = useState(search)
  const [result, setResult] = useState<{ items: JobInfo[]; total: number } | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null)
  const toasts = useToasts()
  const { reload: reloadMe } = useAuth()
  const refreshTimer = useRef<ReturnType<typeof setTimeout>>(undefined)

  const set = useCallback((change: Record<string, string | number | null>) => {
    setParams((p) => {
      const next = new URLSearchParams(p)
      Object.entries(change).forEach(([k, v]) => (v === null || v === '' ? next.delete(k) : next.set(k, String(v))))
      return next
    }, { replace: true })
  }, [setParams])

  const load = useCallback(async () => {
    try {
      const answer = await call(api.GET('/api/v1/jobs', {
        params: { query: { page: page + 1, pageSize, status: status || undefined, search: search || undefined } },
      }))
      setResult({ items: (answer.items ?? []) as JobInfo[], total: answer.total ?? 0 })
      setError(null)
    } catch (e) {
      setError(e)
    }
  }, [page, pageSize, status, search])
  useEffect(() => void load(), [load])

  // The search box waits for a pause in typing before it filters.
  useEffect(() => {
    if (typed === search) return
    const timer = setTimeout(() => set({ q: typed, page: null }), 300)
    return () => clearTimeout(timer)
  }, [typed, search, set])

  useJobEvents((job) => {
    setResult((r) => (r ? { ...r, items: mergeJob(r.items, job) } : r))
    // A job we do not list (new, or moved into the filtered status) shows up with one reload, not one per event.
    if (!result?.items.some((j) => j.id === job.id)) {
      clearTimeout(refreshTimer.current)
      refreshTimer.current = setTimeout(() => void load(), 500)
    }
  })
  useEffect(() => () => clearTimeout(refreshTimer.current), [])

  const act = async (what: () => Promise<unknown>, done: string) => {
    try {
      await what()
      toasts.show(done)
      void reloadMe()
      await load()
    } catch (e) {
      toasts.problem(e)
    }
  }

  return (
    <Box>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 2, gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="h4" component="h1">Jobs</Typography>
        <Button component={RouterLink} to="/new" variant="contained" startIcon={<UploadIcon />}>New job</Button>
      </Stack>
      <Paper sx={{ p: 2, mb: 2 }}>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <TextField label="Search by name" value={typed} onChange={(e) => setTyped(e.target.value)} margin="none" type="search" />
          <TextField select label="Status" value={status} onChange={(e) => set({ status: e.target.value, page: null })} margin="none" sx={{ minWidth: 180 }}>
            <MenuItem value="">All statuses</MenuItem>
            {jobStatuses.map((s) => <MenuItem key={s} value={s}>{s}</MenuItem>)}
          </TextField>
        </Stack>
      </Paper>
      {error ? <ProblemAlert error={error} /> : null}
      <Paper>
        <TableContainer>
          <Table size="small" aria-label="Jobs" data-testid="jobs-table">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>Status</TableCell>
                <TableCell align="right">Credits</TableCell>
                <TableCell>Created</TableCell>
                <TableCell align="right">Actions</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {result?.items.map((job) => (
                <TableRow key={job.id} hover data-testid="job-row" data-job-id={job.id}>
                  <TableCell sx={{ maxWidth: 260 }}>
                    <Link component={RouterLink} to={`/jobs/${job.id}`} sx={{ wordBreak: 'break-word' }}>{job.displayName}</Link>
                  </TableCell>
                  <TableCell><JobProgress job={job} /></TableCell>
                  <TableCell align="right">{job.actualCreditsUsed ?? job.estimatedCredits}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{dateTime(job.createdAt)}</TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    {job.outputReady && (
                      <Tooltip title="Download the result">
                        <IconButton aria-label={`Download ${job.displayName}`} onClick={() => void downloadResult(job).catch(toasts.problem)}>
                          <DownloadIcon />
                        </IconButton>
                      </Tooltip>
                    )}
                    {isRunning(job) ? (
                      <Tooltip title="Cancel">
                        <IconButton aria-label={`Cancel ${job.displayName}`} onClick={() => void act(() => cancelJob(job.id), 'Job cancelled; its credits are released.')}>
                          <CancelIcon />
                        </IconButton>
                      </Tooltip>
                    ) : (
                      <Tooltip title="Delete">
                        <IconButton aria-label={`Delete ${job.displayName}`} onClick={() => setConfirmation(deleteConfirmation(job, async () => {
                            toasts.show('Job deleted.')
                            await load()
                          }))}>
                          <DeleteIcon />
                        </IconButton>
                      </Tooltip>
                    )}
                  </TableCell>
                </TableRow>
              ))}
              {result && result.items.length === 0 && (
                <TableRow>
                  <TableCell colSpan={5} sx={{ textAlign: 'center', py: 4 }}>
                    {status || search ? 'No jobs match.' : <>No jobs yet. <Link component={RouterLink} to="/new">Upload a video</Link> to start.</>}
                  </TableCell>
                </TableRow>
              )}
            </TableBody>
          </Table>
        </TableContainer>
        <TablePagination component="div" count={result?.total ?? 0} page={page} rowsPerPage={pageSize} rowsPerPageOptions={[10, 25, 50]}
          onPageChange={(_, p) => set({ page: p || null })} onRowsPerPageChange={(e) => set({ size: e.target.value, page: null })} />
      </Paper>
      <ConfirmDialog confirmation={confirmation} onClose={() => setConfirmation(null)} />
    </Box>
  )
}

import { useCallback, useEffect, useState, type MouseEvent } from 'react'
import { Link as RouterLink, useSearchParams } from 'react-router-dom'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Grid from '@mui/material/Grid'
import Link from '@mui/material/Link'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useTheme, type Theme } from '@mui/material/styles'
import OpenInNewIcon from '@mui/icons-material/OpenInNew'
import RefreshIcon from '@mui/icons-material/Refresh'
import { api, call } from '../api/client'
import { accessToken } from '../api/session'
import type { components } from '../api/schema'
import type { SystemStatus } from '../api/types'
import { ProblemAlert } from '../components/ProblemAlert'
import { dateTime, duration } from '../format'
import { Loading } from '../App'
import { BarChart, LineChart, ValueBars } from './charts'

const refreshEvery = 15_000
const periods = [7, 14, 30, 90]

/** Health of each dependency, the queue and the figures per day; refreshed every 15 s. */
/** Hangfire's dashboard is opened by navigation, which carries no Authorization header: the access token goes in a
 * short-lived cookie the server reads only under /admin/queue. The tab is opened first so no popup blocker objects. */
function openQueueDashboard(e: MouseEvent<HTMLAnchorElement>) {
  e.preventDefault()
  const tab = window.open('', '_blank')
  void accessToken().then((token) => {
    const secure = window.location.protocol === 'https:' ? '; Secure' : ''
    document.cookie = `vtis_queue=${token ?? ''}; Path=/admin/queue; Max-Age=900; SameSite=Strict${secure}`
    if (tab) tab.location.href = '/admin/queue'
    else window.location.assign('/admin/queue')
  })
}

export function SystemPage() {
  const [params, setParams] = useSearchParams()
  const days = periods.includes(Number(params.get('days'))) ? Number(params.get('days')) : 14
  const { status, error, updatedAt, refresh } = useSystemStatus(days)

  return (
    <>
      <Stack direction="row" sx={{ alignItems: 'center', flexWrap: 'wrap', gap: 1.5, mb: 2 }}>
        <Typography variant="h4" component="h1" sx={{ flexGrow: 1 }}>System</Typography>
        <Button component="a" href="/admin/queue" target="_blank" rel="noopener" title="Opens in a new tab" endIcon={<OpenInNewIcon />}
          onClick={openQueueDashboard}>
          Queue dashboard
        </Button>
        <TextField select size="small" margin="none" label="Period" value={days} sx={{ width: 140 }}
          onChange={(e) => setParams((p) => { p.set('days', e.target.value); return p }, { replace: true })}
          slotProps={{ select: { native: true } }}>
          {periods.map((d) => <option key={d} value={d}>{d} days</option>)}
        </TextField>
        <Button variant="outlined" startIcon={<RefreshIcon />} onClick={refresh}>Refresh</Button>
      </Stack>
      {updatedAt && <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }} aria-live="polite">Updated {updatedAt.toLocaleTimeString()}; refreshes every 15 s.</Typography>}
      <ProblemAlert error={error} />
      {!status ? (!error && <Loading />) : (
        <Stack spacing={3}>
          <Health status={status} />
          <Queue status={status} />
          <Charts status={status} days={days} />
        </Stack>
      )}
    </>
  )
}

function useSystemStatus(days: number) {
  const [status, setStatus] = useState<SystemStatus | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null)
  const [tick, setTick] = useState(0)
  const refresh = useCallback(() => setTick((t) => t + 1), [])
  useEffect(() => {
    let live = true
    call(api.GET('/api/v1/admin/system', { params: { query: { days } } })).then(
      (s) => { if (live) { setStatus(complete(s)); setError(null); setUpdatedAt(new Date()) } },
      (e: unknown) => live && setError(e), // the last figures stay on screen
    )
    const timer = setTimeout(() => { if (!document.hidden) refresh() }, refreshEvery)
    return () => { live = false; clearTimeout(timer) }
  }, [days, tick, refresh])
  useEffect(() => {
    // A hidden tab skips its refreshes; catch up when it is shown again.
    const onShow = () => { if (!document.hidden) refresh() }
    document.addEventListener('visibilitychange', onShow)
    return () => document.removeEventListener('visibilitychange', onShow)
  }, [refresh])
  return { status, error, updatedAt, refresh }
}

/** The document marks everything optional; the server always sends it. */
const complete = (s: components['schemas']['SystemStatus']): SystemStatus => ({
  health: s.health ?? '', checks: s.checks ?? [], queue: s.queue ?? {}, days: s.days ?? [],
  processingP50Seconds: s.processingP50Seconds ?? null, processingP95Seconds: s.processingP95Seconds ?? null, failureRate: s.failureRate ?? null,
})

const healthColor = (s: string | undefined) => (s === 'Healthy' ? 'success' : s === 'Degraded' ? 'warning' : 'error')

function Health({ status }: { status: SystemStatus }) {
  return (
    <Box component="section" aria-labelledby="health-heading">
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, mb: 1 }}>
        <Typography id="health-heading" variant="h6" component="h2">Health</Typography>
        <Chip label={status.health || 'Unknown'} color={healthColor(status.health)} size="small" aria-label={`Overall: ${status.health || 'Unknown'}`} />
      </Stack>
      <Grid container spacing={1.5} component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
        {status.checks.map((c) => (
          <Grid key={c.name} size={{ xs: 12, sm: 6, md: 4 }} component="li">
            <Paper variant="outlined" sx={{ p: 1.5, height: '100%' }}>
              <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', gap: 1 }}>
                <Typography sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>{c.name}</Typography>
                <Chip label={c.status} color={healthColor(c.status)} size="small" />
              </Stack>
              {c.description && <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5, overflowWrap: 'anywhere' }}>{c.description}</Typography>}
              <Typography variant="caption" color="text.secondary">{c.durationMs?.toLocaleString()} ms</Typography>
            </Paper>
          </Grid>
        ))}
      </Grid>
    </Box>
  )
}

function Queue({ status }: { status: SystemStatus }) {
  const q = status.queue
  const figures: [string, number | undefined][] = [
    ['Enqueued', q.enqueued], ['Processing', q.processing], ['Scheduled (retry)', q.scheduled],
    ['Failed (dead letters)', q.failed], ['Succeeded', q.succeeded], ['Workers', q.servers],
  ]
  const failures = q.recentFailures ?? []
  return (
    <Box component="section" aria-labelledby="queue-heading">
      <Typography id="queue-heading" variant="h6" component="h2" sx={{ mb: 1 }}>
        Queue {q.storage && <Typography component="span" variant="body2" color="text.secondary">({q.storage})</Typography>}
      </Typography>
      <Paper variant="outlined" component="dl" sx={{ m: 0, p: 2, display: 'grid', gap: 2, gridTemplateColumns: { xs: 'repeat(2, minmax(0, 1fr))', sm: 'repeat(3, minmax(0, 1fr))', md: 'repeat(6, minmax(0, 1fr))' } }}>
        {figures.map(([label, value]) => (
          <div key={label}>
            <Typography component="dt" variant="body2" color="text.secondary">{label}</Typography>
            <Typography component="dd" variant="h5" sx={{ m: 0 }}>{(value ?? 0).toLocaleString()}</Typography>
          </div>
        ))}
      </Paper>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        {q.servers === 1 ? '1 worker process is' : `${(q.servers ?? 0).toLocaleString()} worker processes are`} connected.
      </Typography>
      {failures.length > 0 && (
        <Box sx={{ mt: 2 }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>Recent dead letters</Typography>
          <Box component="ul" sx={{ pl: 2.5, my: 0.5 }}>
            {failures.map((f) => (
              <li key={f.id}>
                <Typography variant="body2" component="span" sx={{ overflowWrap: 'anywhere' }}>
                  {f.work} · {dateTime(f.failedAt)}
                  {f.jobId && <> · <Link component={RouterLink} to={`/admin/jobs/${f.jobId}`}>job {f.jobId.slice(0, 8)}</Link></>}
                  {f.error && <> · {f.error}</>}
                </Typography>
              </li>
            ))}
          </Box>
        </Box>
      )}
    </Box>
  )
}

const statusOrder = ['Queued', 'Processing', 'Completed', 'Failed', 'Cancelled']

function statusColor(theme: Theme, status: string): string {
  const colors: Record<string, string> = {
    Queued: theme.palette.info.main, Processing: theme.palette.primary.main, Completed: theme.palette.success.main,
    Failed: theme.palette.error.main, Cancelled: theme.palette.grey[500],
  }
  return colors[status] ?? theme.palette.secondary.main
}

function Charts({ status, days }: { status: SystemStatus; days: number }) {
  const theme = useTheme()
  const figures = status.days
  const labels = figures.map((d) => d.day ?? '')
  const period = `the last ${days} days`

  const statuses = [...new Set(figures.flatMap((d) => Object.keys(d.jobsByStatus ?? {})))]
    .sort((a, b) => (statusOrder.indexOf(a) + 1 || 99) - (statusOrder.indexOf(b) + 1 || 99))
  const jobs = statuses.map((s) => ({ name: s, color: statusColor(theme, s), values: figures.map((d) => d.jobsByStatus?.[s] ?? 0) }))
  const totals = statuses.map((s, i) => `${s} ${sum(jobs[i].values)}`)
  const jobCount = sum(jobs.flatMap((s) => s.values))

  const sold = figures.map((d) => d.creditsSold ?? 0)
  const used = figures.map((d) => d.creditsUsed ?? 0)

  // Per day, from the jobs created that day that have finished (the server gives the period's rate only).
  const rates = figures.map((d) => {
    const failed = d.jobsByStatus?.Failed ?? 0
    const finished = failed + (d.jobsByStatus?.Completed ?? 0)
    return finished === 0 ? null : failed / finished
  })
  const worst = rates.reduce<number | null>((w, r, i) => (r !== null && (w === null || r > (rates[w] ?? 0)) ? i : w), null)

  return (
    <Box component="section" aria-labelledby="charts-heading">
      <Typography id="charts-heading" variant="h6" component="h2" sx={{ mb: 1 }}>Over {period}</Typography>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 6 }}>
          <BarChart stacked title="Jobs per day by status" labels={labels} series={jobs} format={whole}
            summary={`Jobs per day by status over ${period}: ${jobCount} jobs${totals.length ? `, ${totals.join(', ')}` : ''}.`} />
        </Grid>
        <Grid size={{ xs: 12, lg: 6 }}>
          <BarChart title="Credits sold and used per day" labels={labels} format={whole}
            series={[{ name: 'Sold', color: theme.palette.secondary.main, values: sold }, { name: 'Used', color: theme.palette.primary.main, values: used }]}
            summary={`Credits over ${period}: ${whole(sum(sold))} sold, ${whole(sum(used))} used.`} />
        </Grid>
        <Grid size={{ xs: 12, lg: 6 }}>
          <ValueBars title="Processing time of completed jobs" format={duration}
            items={[
              { name: 'p50', color: theme.palette.primary.main, value: status.processingP50Seconds },
              { name: 'p95', color: theme.palette.warning.main, value: status.processingP95Seconds },
            ]}
            summary={status.processingP50Seconds === null ? `No completed jobs over ${period}.`
              : `Processing time over ${period}: median ${duration(status.processingP50Seconds)}, 95th percentile ${duration(status.processingP95Seconds ?? 0)}.`} />
        </Grid>
        <Grid size={{ xs: 12, lg: 6 }}>
          <LineChart title="Failure rate per day" labels={labels} cap={1} format={percent}
            series={[{ name: 'Failure rate', color: theme.palette.error.main, values: rates }]}
            summary={`Failure rate over ${period}: ${status.failureRate === null ? 'no finished jobs' : `${percent(status.failureRate)} overall`}` +
              (worst === null ? '.' : `, highest ${percent(rates[worst] ?? 0)} on ${labels[worst]}.`)} />
        </Grid>
      </Grid>
    </Box>
  )
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)
const whole = (n: number) => Math.round(n).toLocaleString()
const percent = (n: number) => `${(n * 100).toLocaleString(undefined, { maximumFractionDigits: 1 })}%`

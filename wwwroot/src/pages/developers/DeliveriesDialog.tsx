import { useCallback, useEffect, useState } from 'react'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip, { type ChipProps } from '@mui/material/Chip'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import useMediaQuery from '@mui/material/useMediaQuery'
import { useTheme } from '@mui/material/styles'
import RefreshIcon from '@mui/icons-material/Refresh'
import { api, call } from '../../api/client'
import type { WebhookDeliveryInfo, WebhookEndpointInfo } from '../../api/types'
import { ProblemAlert } from '../../components/ProblemAlert'
import { useToasts } from '../../components/Toasts'
import { dateTime } from '../../format'
import { SectionLoading } from '../billing/SectionLoading'
import { Pager } from '../billing/Pager'
import { usePaged } from '../billing/usePaged'

type Attempt = NonNullable<WebhookDeliveryInfo['attempts']>[number]

const statusColors: Record<WebhookDeliveryInfo['status'], ChipProps['color']> = { Pending: 'info', Succeeded: 'success', Failed: 'error' }

/** While a delivery is being tried, the list refreshes itself this often. */
const refreshEveryMs = 3000

function LastAnswer({ attempt }: { attempt: Attempt | undefined }) {
  if (!attempt) return <>—</>
  const detail = attempt.error ?? attempt.responseSnippet
  return (
    <>
      {attempt.statusCode ? `HTTP ${attempt.statusCode}` : 'No answer'}
      {attempt.latencyMs !== undefined && <Typography variant="caption" color="text.secondary"> · {attempt.latencyMs} ms</Typography>}
      {detail && (
        <Typography variant="caption" component="div" color="text.secondary" title={detail}
          sx={{ maxWidth: 260, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
          {detail}
        </Typography>
      )}
    </>
  )
}

function DeliveriesTable({ deliveries, replaying, canReplay, onReplay }: {
  deliveries: WebhookDeliveryInfo[]
  replaying: string | null
  canReplay: boolean
  onReplay: (d: WebhookDeliveryInfo) => void
}) {
  if (deliveries.length === 0) return <Typography color="text.secondary">No deliveries yet. Send a test event to see one.</Typography>
  return (
    <TableContainer>
      <Table size="small" aria-label="Deliveries" data-testid="deliveries-table" sx={{ minWidth: 720 }}>
        <TableHead>
          <TableRow>
            <TableCell>Time</TableCell>
            <TableCell>Event</TableCell>
            <TableCell>Status</TableCell>
            <TableCell align="right">Attempts</TableCell>
            <TableCell>Last answer</TableCell>
            <TableCell>Next attempt</TableCell>
            <TableCell aria-label="Actions" />
          </TableRow>
        </TableHead>
        <TableBody>
          {deliveries.map((d) => {
            const attempts = d.attempts ?? []
            return (
              <TableRow key={d.id}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{dateTime(d.createdAt)}</TableCell>
                <TableCell><code>{d.eventType}</code></TableCell>
                <TableCell><Chip size="small" label={d.status} color={statusColors[d.status] ?? 'default'} /></TableCell>
                <TableCell align="right">{d.attemptCount}</TableCell>
                <TableCell><LastAnswer attempt={attempts[attempts.length - 1]} /></TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{d.status === 'Pending' ? dateTime(d.nextAttemptAt) : '—'}</TableCell>
                <TableCell align="right">
                  <Button size="small" onClick={() => onReplay(d)} loading={replaying === d.id} disabled={!canReplay}
                    aria-label={`Replay ${d.eventType} delivery of ${dateTime(d.createdAt)}`}>
                    Replay
                  </Button>
                </TableCell>
              </TableRow>
            )
          })}
        </TableBody>
      </Table>
    </TableContainer>
  )
}

function Deliveries({ endpoint }: { endpoint: WebhookEndpointInfo }) {
  const toasts = useToasts()
  const [replaying, setReplaying] = useState<string | null>(null)
  const [testing, setTesting] = useState(false)
  const load = useCallback(async (page: number, pageSize: number) => {
    const result = await call(api.GET('/api/v1/webhooks/endpoints/{id}/deliveries', {
      params: { path: { id: endpoint.id }, query: { page, pageSize } },
    }))
    return { items: (result.items ?? []) as WebhookDeliveryInfo[], total: result.total ?? 0 }
  }, [endpoint.id])
  const paged = usePaged(load, 10)
  const { reload } = paged

  const pending = paged.data?.items.some((d) => d.status === 'Pending') ?? false
  useEffect(() => {
    if (!pending) return
    const timer = setInterval(reload, refreshEveryMs)
    return () => clearInterval(timer)
  }, [pending, reload])

  const replay = async (d: WebhookDeliveryInfo) => {
    setReplaying(d.id)
    try {
      await call(api.POST('/api/v1/webhooks/deliveries/{id}/replay', { params: { path: { id: d.id } }, body: { id: d.id } }))
      toasts.show(`Replaying the ${d.eventType} event`)
      reload()
    } catch (e) {
      toasts.problem(e)
    } finally {
      setReplaying(null)
    }
  }
  const sendTest = async () => {
    setTesting(true)
    try {
      await call(api.POST('/api/v1/webhooks/endpoints/{id}/test', { params: { path: { id: endpoint.id } }, body: { id: endpoint.id } }))
      toasts.show('Test event sent')
      reload()
    } catch (e) {
      toasts.problem(e)
    } finally {
      setTesting(false)
    }
  }

  return (
    <>
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mb: 2 }}>
        <Button startIcon={<RefreshIcon />} onClick={reload} variant="outlined">Refresh</Button>
        <Button onClick={() => void sendTest()} loading={testing}>Send test event</Button>
      </Box>
      {!endpoint.enabled && (
        <Typography color="text.secondary" sx={{ mb: 1 }}>The endpoint is disabled: enable it to replay deliveries.</Typography>
      )}
      {paged.error ? <ProblemAlert error={paged.error} /> : null}
      {paged.data ? (
        <>
          <DeliveriesTable deliveries={paged.data.items} replaying={replaying} canReplay={endpoint.enabled} onReplay={(d) => void replay(d)} />
          <Pager paged={paged} label="Deliveries" />
        </>
      ) : !paged.error && <SectionLoading />}
    </>
  )
}

/** An endpoint's delivery log, newest first: each event's status, attempts and last answer, with Replay. */
export function DeliveriesDialog({ endpoint, onClose }: { endpoint: WebhookEndpointInfo | null; onClose: () => void }) {
  const theme = useTheme()
  const narrow = useMediaQuery(theme.breakpoints.down('sm'))
  return (
    <Dialog open={endpoint !== null} onClose={onClose} maxWidth="lg" fullWidth fullScreen={narrow}>
      <DialogTitle sx={{ overflowWrap: 'anywhere' }}>Deliveries to {endpoint?.url}</DialogTitle>
      <DialogContent>{endpoint && <Deliveries endpoint={endpoint} />}</DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  )
}

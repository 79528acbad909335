import { useCallback, useEffect, useState } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Card from '@mui/material/Card'
import CardActions from '@mui/material/CardActions'
import CardContent from '@mui/material/CardContent'
import Chip from '@mui/material/Chip'
import Dialog from '@mui/material/Dialog'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { api, call } from '../../api/client'
import type { WebhookEndpointInfo } from '../../api/types'
import { ProblemAlert } from '../../components/ProblemAlert'
import { useToasts } from '../../components/Toasts'
import { dateTime } from '../../format'
import { SectionLoading } from '../billing/SectionLoading'
import { ConfirmDialog, type Confirmation } from '../../components/ConfirmDialog'
import { DeliveriesDialog } from './DeliveriesDialog'
import { SecretDialog, type ShownSecret } from './SecretDialog'
import { WebhookForm, newWebhookSettings, type WebhookSettings } from './WebhookForm'

const verifyNote = 'Verify the webhook-signature header of every event with it (Standard Webhooks).'
const rotationNote = 'For the next 24 hours events are signed with both the old and the new secret, so switch your receiver before then.'

const body = (s: WebhookSettings) => ({ url: s.url, description: s.description || null, eventTypes: s.eventTypes, enabled: s.enabled })

function EndpointCard({ endpoint, onDeliveries, onTest, onRotate, onEdit, onDelete }: {
  endpoint: WebhookEndpointInfo
  onDeliveries: () => void
  onTest: () => Promise<void>
  onRotate: () => void
  onEdit: () => void
  onDelete: () => void
}) {
  const [testing, setTesting] = useState(false)
  const e = endpoint
  const titleId = `endpoint-${e.id}`
  const test = async () => {
    setTesting(true)
    await onTest().finally(() => setTesting(false))
  }
  return (
    <Card variant="outlined" component="article" aria-labelledby={titleId} data-testid="webhook-endpoint">
      <CardContent sx={{ pb: 1 }}>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography id={titleId} variant="subtitle1" component="h3" sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere', flex: '1 1 240px' }}>
            {e.url}
          </Typography>
          <Chip size="small" label={e.enabled ? 'Enabled' : 'Disabled'} color={e.enabled ? 'success' : 'default'} />
        </Box>
        {e.description && <Typography color="text.secondary">{e.description}</Typography>}
        <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', my: 1 }} aria-label="Event types" role="list">
          {e.eventTypes.map((t) => <Chip key={t} role="listitem" size="small" variant="outlined" label={t} />)}
        </Box>
        {e.disabledReason && (
          <Alert severity="warning" sx={{ mb: 1 }}>
            Disabled by the service on {dateTime(e.disabledAt)}. {e.disabledReason} Edit it and switch it on to deliver again.
          </Alert>
        )}
        {e.failingSince && <Alert severity="warning" sx={{ mb: 1 }}>Every delivery has failed since {dateTime(e.failingSince)}.</Alert>}
        <Typography variant="body2" color="text.secondary">
          Created {dateTime(e.createdAt)}
          {e.previousSecretExpiresAt && new Date(e.previousSecretExpiresAt) > new Date()
            ? ` · the previous secret still signs until ${dateTime(e.previousSecretExpiresAt)}` : ''}
        </Typography>
      </CardContent>
      <CardActions sx={{ flexWrap: 'wrap', gap: 1, px: 2, pb: 2 }}>
        <Button variant="contained" size="small" onClick={onDeliveries} aria-label={`Deliveries for ${e.url}`}>Deliveries</Button>
        <Button size="small" onClick={() => void test()} loading={testing} aria-label={`Send test event to ${e.url}`}>Send test event</Button>
        <Button size="small" onClick={onRotate} aria-label={`Rotate secret of ${e.url}`}>Rotate secret</Button>
        <Button size="small" onClick={onEdit} aria-label={`Edit ${e.url}`}>Edit</Button>
        <Button size="small" color="error" onClick={onDelete} aria-label={`Delete ${e.url}`}>Delete</Button>
      </CardActions>
    </Card>
  )
}

function EditDialog({ endpoint, onClose, onSaved }: {
  endpoint: WebhookEndpointInfo | null
  onClose: () => void
  onSaved: () => void
}) {
  const toasts = useToasts()
  const save = async (s: WebhookSettings) => {
    if (!endpoint) return
    await call(api.PUT('/api/v1/webhooks/endpoints/{id}', { params: { path: { id: endpoint.id } }, body: { id: endpoint.id, ...body(s) } }))
    toasts.show('Endpoint saved')
    onSaved()
    onClose()
  }
  return (
    <Dialog open={endpoint !== null} onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle id="edit-endpoint">Edit endpoint</DialogTitle>
      <DialogContent>
        {endpoint && (
          <WebhookForm
            key={endpoint.id}
            labelledBy="edit-endpoint"
            initial={{ url: endpoint.url, description: endpoint.description ?? '', eventTypes: endpoint.eventTypes, enabled: endpoint.enabled }}
            submitLabel="Save"
            showEnabled
            onSubmit={save}
            extraActions={<Button onClick={onClose}>Cancel</Button>}
          />
        )}
      </DialogContent>
    </Dialog>
  )
}

/** Webhook endpoints: registering one (its signing secret shown once), the list, and per endpoint its deliveries,
 * a test event, a secret rotation, editing and deleting. */
export function WebhooksSection() {
  const toasts = useToasts()
  const [endpoints, setEndpoints] = useState<WebhookEndpointInfo[] | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [secret, setSecret] = useState<ShownSecret | null>(null)
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null)
  const [editing, setEditing] = useState<WebhookEndpointInfo | null>(null)
  const [watching, setWatching] = useState<WebhookEndpointInfo | null>(null)

  const load = useCallback(async () => {
    try {
      const page = await call(api.GET('/api/v1/webhooks/endpoints', { params: { query: { page: 1, pageSize: 200 } } }))
      setEndpoints((page.items ?? []) as WebhookEndpointInfo[])
      setError(null)
    } catch (e) {
      setError(e)
    }
  }, [])
  useEffect(() => void load(), [load])

  const create = async (s: WebhookSettings) => {
    const created = await call(api.POST('/api/v1/webhooks/endpoints', { body: body(s) }))
    setSecret({ title: `Signing secret for ${created.endpoint?.url ?? s.url}`, value: created.secret ?? '', note: verifyNote })
    await load()
  }
  const test = async (e: WebhookEndpointInfo) => {
    try {
      await call(api.POST('/api/v1/webhooks/endpoints/{id}/test', { params: { path: { id: e.id } }, body: { id: e.id } }))
      toasts.show('Test event sent: open Deliveries to see how the endpoint answered.')
    } catch (err) {
      toasts.problem(err)
    }
  }
  const rotate = (e: WebhookEndpointInfo) =>
    setConfirmation({
      title: 'Rotate the signing secret?',
      body: `A new secret is made for ${e.url}. ${rotationNote}`,
      confirmLabel: 'Rotate secret',
      action: async () => {
        const rotated = await call(api.POST('/api/v1/webhooks/endpoints/{id}/rotate-secret', { params: { path: { id: e.id } }, body: { id: e.id } }))
        setSecret({ title: `New signing secret for ${e.url}`, value: rotated.secret ?? '', note: `${verifyNote} ${rotationNote}` })
        await load()
      },
    })
  const remove = (e: WebhookEndpointInfo) =>
    setConfirmation({
      title: 'Delete this endpoint?',
      body: `Events are no longer sent to ${e.url}, and its delivery log is deleted. This cannot be undone.`,
      confirmLabel: 'Delete endpoint',
      destructive: true,
      action: async () => {
        await call(api.DELETE('/api/v1/webhooks/endpoints/{id}', { params: { path: { id: e.id } } }))
        toasts.show('Endpoint deleted')
        await load()
      },
    })

  return (
    <>
      <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
        <Typography id="add-endpoint" variant="h6" component="h3">Add endpoint</Typography>
        <WebhookForm labelledBy="add-endpoint" initial={newWebhookSettings()} submitLabel="Add endpoint" onSubmit={create} />
      </Paper>
      {error ? <ProblemAlert error={error} /> : null}
      {endpoints && endpoints.length === 0 && <Typography color="text.secondary">No webhook endpoints yet.</Typography>}
      {endpoints ? (
        <Stack spacing={2}>
          {endpoints.map((e) => (
            <EndpointCard key={e.id} endpoint={e} onDeliveries={() => setWatching(e)} onTest={() => test(e)}
              onRotate={() => rotate(e)} onEdit={() => setEditing(e)} onDelete={() => remove(e)} />
          ))}
        </Stack>
      ) : !error && <SectionLoading />}
      <SecretDialog secret={secret} onClose={() => setSecret(null)} />
      <ConfirmDialog confirmation={confirmation} onClose={() => setConfirmation(null)} />
      <EditDialog endpoint={editing} onClose={() => setEditing(null)} onSaved={() => void load()} />
      <DeliveriesDialog endpoint={watching} onClose={() => setWatching(null)} />
    </>
  )
}

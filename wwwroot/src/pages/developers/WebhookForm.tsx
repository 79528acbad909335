import { useState, type FormEvent, type ReactNode } from 'react'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Checkbox from '@mui/material/Checkbox'
import FormControl from '@mui/material/FormControl'
import FormControlLabel from '@mui/material/FormControlLabel'
import FormGroup from '@mui/material/FormGroup'
import FormHelperText from '@mui/material/FormHelperText'
import FormLabel from '@mui/material/FormLabel'
import Switch from '@mui/material/Switch'
import TextField from '@mui/material/TextField'
import { asProblem, type ApiProblem } from '../../api/problem'
import { webhookEventTypes } from '../../api/types'
import { ProblemAlert } from '../../components/ProblemAlert'
import { needsAlert } from './formProblem'

export interface WebhookSettings {
  url: string
  description: string
  eventTypes: string[]
  enabled: boolean
}

export const newWebhookSettings = (): WebhookSettings => ({ url: '', description: '', eventTypes: [...webhookEventTypes], enabled: true })

/** What each type means (the server's WebhookEventTypes). */
const eventDescriptions: Record<string, string> = {
  'job.completed': 'a job finished with a result',
  'job.failed': 'a job failed (its credits were released)',
  'job.cancelled': 'a job was cancelled',
  'job.progress': 'a job’s progress passed another 10 %',
  'credits.low': 'available credits fell below the low-credit threshold',
  'purchase.completed': 'a purchase was paid and credited',
}

const fields = ['url', 'description', 'eventTypes', 'enabled']

function clientErrors(v: WebhookSettings): { url?: string; eventTypes?: string } {
  const errors: { url?: string; eventTypes?: string } = {}
  try {
    if (!/^https?:$/.test(new URL(v.url.trim()).protocol)) errors.url = 'The URL must start with http:// or https://.'
  } catch {
    errors.url = 'Enter the full URL events are sent to, e.g. https://example.com/hooks/vtis.'
  }
  if (v.eventTypes.length === 0) errors.eventTypes = 'Choose at least one event type.'
  return errors
}

function EventTypes({ value, onChange, error }: { value: string[]; onChange: (types: string[]) => void; error?: string }) {
  const toggle = (type: string, on: boolean) =>
    onChange(on ? webhookEventTypes.filter((t) => t === type || value.includes(t)) : value.filter((t) => t !== type))
  return (
    <FormControl component="fieldset" error={!!error} sx={{ mt: 2, display: 'block' }}>
      <FormLabel component="legend">Event types</FormLabel>
      <FormGroup>
        {webhookEventTypes.map((type) => (
          <FormControlLabel
            key={type}
            control={<Checkbox checked={value.includes(type)} onChange={(e) => toggle(type, e.target.checked)} />}
            label={<><Box component="code" sx={{ fontWeight: 500 }}>{type}</Box> — {eventDescriptions[type] ?? ''}</>}
          />
        ))}
      </FormGroup>
      {error && <FormHelperText>{error}</FormHelperText>}
    </FormControl>
  )
}

/** URL, note, event types (and, when editing, whether events are delivered). The server's problems show under their
 * fields: a refused URL (422 from the SSRF guard, or 400) under the URL. */
export function WebhookForm({ initial, submitLabel, showEnabled = false, onSubmit, extraActions, labelledBy }: {
  initial: WebhookSettings
  submitLabel: string
  showEnabled?: boolean
  onSubmit: (settings: WebhookSettings) => Promise<void>
  extraActions?: ReactNode
  labelledBy?: string
}) {
  const [values, setValues] = useState(initial)
  const [checked, setChecked] = useState(false)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<ApiProblem | null>(null)
  const set = (change: Partial<WebhookSettings>) => setValues((v) => ({ ...v, ...change }))

  const local = checked ? clientErrors(values) : {}
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setChecked(true)
    if (Object.keys(clientErrors(values)).length > 0) return
    setBusy(true)
    setProblem(null)
    try {
      await onSubmit({ ...values, url: values.url.trim(), description: values.description.trim() })
      setValues(initial)
      setChecked(false)
    } catch (err) {
      setProblem(asProblem(err))
    } finally {
      setBusy(false)
    }
  }

  const urlError = local.url ?? problem?.fieldError('url')
  const typesError = local.eventTypes ?? problem?.fieldError('eventTypes')
  return (
    <Box component="form" onSubmit={submit} noValidate aria-labelledby={labelledBy}>
      <TextField label="URL" type="url" required value={values.url} onChange={(e) => set({ url: e.target.value })}
        error={!!urlError} helperText={urlError ?? 'Where events are POSTed. It must be reachable from the internet.'}
        placeholder="https://example.com/hooks/vtis" slotProps={{ htmlInput: { maxLength: 2000, inputMode: 'url' } }} />
      <TextField label="Description (optional)" value={values.description} onChange={(e) => set({ description: e.target.value })}
        error={!!problem?.fieldError('description')} helperText={problem?.fieldError('description')}
        slotProps={{ htmlInput: { maxLength: 500 } }} />
      <EventTypes value={values.eventTypes} onChange={(eventTypes) => set({ eventTypes })} error={typesError} />
      {showEnabled && (
        <FormControlLabel sx={{ mt: 1 }} label="Enabled: deliver events to this endpoint"
          control={<Switch checked={values.enabled} onChange={(e) => set({ enabled: e.target.checked })} />} />
      )}
      {needsAlert(problem, fields) && <ProblemAlert error={problem} shownFields={fields} />}
      <Box sx={{ display: 'flex', gap: 1, justifyContent: 'flex-end', flexWrap: 'wrap', mt: 2 }}>
        {extraActions}
        <Button type="submit" variant="contained" loading={busy}>{submitLabel}</Button>
      </Box>
    </Box>
  )
}

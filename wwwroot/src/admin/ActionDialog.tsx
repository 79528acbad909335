import { useId, useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogContentText from '@mui/material/DialogContentText'
import DialogTitle from '@mui/material/DialogTitle'
import FormControl from '@mui/material/FormControl'
import FormControlLabel from '@mui/material/FormControlLabel'
import FormHelperText from '@mui/material/FormHelperText'
import Switch from '@mui/material/Switch'
import TextField from '@mui/material/TextField'
import { asProblem } from '../api/problem'
import { ProblemAlert } from '../components/ProblemAlert'
import { send } from './http'
import { fillRoute, humanize, isDestructive, type Action, type Input, type Row } from './model'

type FormValues = Record<string, string | boolean>

interface Props {
  action: Action
  /** The row the action runs on: route parameters and matching inputs are taken from it. */
  row: Row
  /** How the row is named in the confirmation text, e.g. an email. */
  subject: string
  open: boolean
  onClose: () => void
  onDone: (result: unknown) => void
}

/** A form generated from an action's inputs, sent with the verb and route the metadata gives. */
export function ActionDialog({ action, row, subject, open, onClose, onDone }: Props) {
  const [form, setForm] = useState<FormValues>(() => initialValues(action, row))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [problem, setProblem] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const titleId = useId()
  const textId = useId()

  async function submit(event: FormEvent) {
    event.preventDefault()
    const { body, errors: invalid } = buildBody(action, form)
    setErrors(invalid)
    setProblem(null)
    if (Object.keys(invalid).length > 0) return
    setBusy(true)
    try {
      onDone(await send(action.method, fillRoute(action, row), body))
    } catch (error) {
      const p = asProblem(error)
      setProblem(p)
      setErrors(Object.fromEntries(action.inputs.flatMap((i) => { const m = p.fieldError(i.name); return m ? [[i.name, m]] : [] })))
    } finally {
      setBusy(false)
    }
  }

  const destructive = isDestructive(action)
  const fixed = Object.entries(action.values)
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby={titleId} aria-describedby={textId} fullWidth maxWidth="sm">
      <form onSubmit={submit} noValidate style={{ display: 'contents' }}>
        <DialogTitle id={titleId}>{action.label}</DialogTitle>
        <DialogContent>
          <DialogContentText id={textId} component="div">
            {action.description && <p style={{ marginTop: 0 }}>{action.description}</p>}
            {fixed.length > 0 && <p style={{ marginTop: 0 }}>Sets {fixed.map(([k, v]) => `${humanize(k).toLowerCase()} to ${String(v)}`).join(', ')}.</p>}
          </DialogContentText>
          {destructive && (
            <Alert severity="warning" role="note" sx={{ my: 1 }}>
              “{action.label}” will be applied to {subject}. Check, then press {action.label} to confirm.
            </Alert>
          )}
          {action.inputs.map((input) => (
            <InputControl key={input.name} input={input} value={form[input.name]} error={errors[input.name]} disabled={busy}
              onChange={(value) => setForm((f) => ({ ...f, [input.name]: value }))} />
          ))}
          <ProblemAlert error={problem} shownFields={action.inputs.map((i) => i.name)} />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>Close</Button>
          <Button type="submit" variant="contained" color={destructive ? 'error' : 'primary'} loading={busy}>{action.label}</Button>
        </DialogActions>
      </form>
    </Dialog>
  )
}

interface ControlProps {
  input: Input
  value: string | boolean | undefined
  error?: string
  disabled: boolean
  onChange: (value: string | boolean) => void
}

/** One input: its type picks the control; the description (or the limits) is the helper text, replaced by an error. */
function InputControl({ input, value, error, disabled, onChange }: ControlProps) {
  const help = error ?? input.description ?? hint(input)
  if (input.type === 'boolean') {
    return (
      <FormControl error={Boolean(error)} margin="normal" fullWidth>
        <FormControlLabel label={input.label} disabled={disabled}
          control={<Switch name={input.name} checked={value === true} onChange={(e) => onChange(e.target.checked)} />} />
        {help && <FormHelperText>{help}</FormHelperText>}
      </FormControl>
    )
  }

  const common = {
    name: input.name, label: input.label, required: input.required, disabled, error: Boolean(error), helperText: help || undefined,
    value: typeof value === 'string' ? value : '', onChange: (e: { target: { value: string } }) => onChange(e.target.value),
  }
  if (input.values) {
    return (
      <TextField {...common} select slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}>
        <option value="">{input.required ? 'Choose…' : '(none)'}</option>
        {input.values.map((v) => <option key={v} value={v}>{v}</option>)}
      </TextField>
    )
  }
  if (input.type === 'integer' || input.type === 'number') {
    return (
      <TextField {...common} type="number"
        slotProps={{ htmlInput: { min: input.minimum ?? undefined, max: input.maximum ?? undefined, step: input.type === 'integer' ? 1 : 'any' } }} />
    )
  }
  if (input.type === 'datetime') return <TextField {...common} type="datetime-local" slotProps={{ inputLabel: { shrink: true } }} />
  return (
    <TextField {...common} multiline={isLongText(input)} minRows={isLongText(input) ? 3 : undefined}
      slotProps={{ htmlInput: { maxLength: input.maxLength ?? undefined, spellCheck: input.type !== 'guid' } }} />
  )
}

const isLongText = (i: Input) => i.type === 'string' && ((i.maxLength ?? 0) > 200 || /reason|description|note|comment|message/i.test(i.name))

/** The limits in words, when the server gave no description. */
function hint(i: Input): string {
  if (i.type === 'guid') return 'An id like 3f2b…-…'
  if (i.type === 'integer' || i.type === 'number') {
    const kind = i.type === 'integer' ? 'A whole number' : 'A number'
    if (i.minimum !== null && i.maximum !== null) return `${kind} from ${i.minimum.toLocaleString()} to ${i.maximum.toLocaleString()}`
    if (i.minimum !== null) return `${kind}, at least ${i.minimum.toLocaleString()}`
    if (i.maximum !== null) return `${kind}, at most ${i.maximum.toLocaleString()}`
    return kind
  }
  if (i.minLength !== null && i.maxLength !== null) return `${i.minLength}–${i.maxLength} characters`
  if (i.maxLength !== null) return `Up to ${i.maxLength} characters`
  return ''
}

/** Inputs named like a row field start with the row's value (the fields the server fills from the route never show). */
export function initialValues(action: Action, row: Row): FormValues {
  const values: FormValues = {}
  for (const input of action.inputs) {
    const key = Object.keys(row).find((k) => k.toLowerCase() === input.name.toLowerCase())
    const current = key === undefined ? undefined : row[key]
    if (input.type === 'boolean') values[input.name] = current === true
    else if (current === null || current === undefined) values[input.name] = ''
    else if (input.type === 'datetime' && typeof current === 'string') values[input.name] = toLocalInput(current)
    else values[input.name] = typeof current === 'string' ? current : JSON.stringify(current)
  }
  return values
}

/** The JSON body: fixed values from the metadata, then each input converted to its type; or what is wrong. */
export function buildBody(action: Action, form: FormValues): { body: Record<string, unknown>; errors: Record<string, string> } {
  const body: Record<string, unknown> = { ...action.values }
  const errors: Record<string, string> = {}
  for (const input of action.inputs) {
    const result = convert(input, form[input.name])
    if ('error' in result) errors[input.name] = result.error
    else if (result.value !== undefined) body[input.name] = result.value
  }
  return { body, errors }
}

function convert(i: Input, raw: string | boolean | undefined): { value: unknown } | { error: string } {
  if (i.type === 'boolean') return { value: raw === true }
  const text = typeof raw === 'string' ? raw : ''
  if (text.trim() === '') return i.required ? { error: `${i.label} is required.` } : { value: undefined }
  if (i.type === 'integer' || i.type === 'number') {
    const n = Number(text)
    if (!Number.isFinite(n) || (i.type === 'integer' && !Number.isInteger(n))) return { error: i.type === 'integer' ? 'Enter a whole number.' : 'Enter a number.' }
    if ((i.minimum !== null && n < i.minimum) || (i.maximum !== null && n > i.maximum)) return { error: `${hint(i)}.` }
    return { value: n }
  }
  if (i.type === 'datetime') {
    const d = new Date(text)
    return Number.isNaN(d.getTime()) ? { error: 'Enter a date and time.' } : { value: d.toISOString() }
  }
  if (i.values && !i.values.includes(text)) return { error: `Choose one of ${i.values.join(', ')}.` }
  if (i.type === 'guid' && !/^[0-9a-f]{8}-?([0-9a-f]{4}-?){3}[0-9a-f]{12}$/i.test(text.trim())) return { error: 'Enter an id (a GUID).' }
  const length = text.trim().length
  if (i.minLength !== null && length < i.minLength) return { error: `At least ${i.minLength} characters.` }
  if (i.maxLength !== null && text.length > i.maxLength) return { error: `At most ${i.maxLength} characters.` }
  return { value: i.type === 'guid' ? text.trim() : text }
}

function toLocalInput(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  const local = new Date(d.getTime() - d.getTimezoneOffset() * 60_000)
  return local.toISOString().slice(0, 16)
}

import { useCallback, useEffect, useState, type FormEvent } from 'react'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Paper from '@mui/material/Paper'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { api, call } from '../../api/client'
import { asProblem, type ApiProblem } from '../../api/problem'
import type { ApiKeyInfo } from '../../api/types'
import { ProblemAlert } from '../../components/ProblemAlert'
import { useToasts } from '../../components/Toasts'
import { dateTime } from '../../format'
import { SectionLoading } from '../billing/SectionLoading'
import { ConfirmDialog, type Confirmation } from '../../components/ConfirmDialog'
import { needsAlert } from './formProblem'
import { SecretDialog, type ShownSecret } from './SecretDialog'

const keyFields = ['name', 'expiresAt']

/** Today as a date input wants it (local time). */
function today(): string {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/** The key works through the whole of the chosen day, local time. */
const endOfDay = (date: string) => new Date(`${date}T23:59:59`).toISOString()

function CreateApiKeyForm({ onCreated }: { onCreated: (key: ShownSecret) => void }) {
  const [name, setName] = useState('')
  const [expires, setExpires] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<ApiProblem | null>(null)
  const [nameMissing, setNameMissing] = useState(false)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setNameMissing(!name.trim())
    if (!name.trim()) return
    setBusy(true)
    setProblem(null)
    try {
      const created = await call(api.POST('/api/v1/api-keys', {
        body: { name: name.trim(), expiresAt: expires ? endOfDay(expires) : null },
      }))
      onCreated({
        title: `API key “${created.name ?? name.trim()}”`,
        value: created.key ?? '',
        note: 'Send it in the X-Api-Key header, or as Authorization: Bearer <key>.',
      })
      setName('')
      setExpires('')
    } catch (err) {
      setProblem(asProblem(err))
    } finally {
      setBusy(false)
    }
  }

  const nameError = nameMissing ? 'Give the key a name, e.g. what it is for.' : problem?.fieldError('name')
  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
      <Box component="form" onSubmit={submit} noValidate aria-labelledby="create-api-key">
        <Typography id="create-api-key" variant="h6" component="h3">Create API key</Typography>
        <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
          <TextField label="Name" required value={name} onChange={(e) => setName(e.target.value)} sx={{ flex: '2 1 220px' }}
            error={!!nameError} helperText={nameError ?? 'What the key is for, e.g. “CI pipeline”.'} slotProps={{ htmlInput: { maxLength: 100 } }} />
          <TextField label="Expires on" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} sx={{ flex: '1 1 180px' }}
            error={!!problem?.fieldError('expiresAt')} helperText={problem?.fieldError('expiresAt') ?? 'Optional. Without a date the key never expires.'}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: today() } }} />
        </Box>
        {needsAlert(problem, keyFields) && <ProblemAlert error={problem} shownFields={keyFields} />}
        <Button type="submit" variant="contained" loading={busy} sx={{ mt: 1 }}>Create API key</Button>
      </Box>
    </Paper>
  )
}

function KeysTable({ keys, onRevoke }: { keys: ApiKeyInfo[]; onRevoke: (key: ApiKeyInfo) => void }) {
  if (keys.length === 0) return <Typography color="text.secondary">No API keys yet.</Typography>
  const now = Date.now()
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table size="small" aria-label="API keys" data-testid="api-keys-table" sx={{ minWidth: 640 }}>
        <TableHead>
          <TableRow>
            <TableCell>Name</TableCell>
            <TableCell>Prefix</TableCell>
            <TableCell>Created</TableCell>
            <TableCell>Last used</TableCell>
            <TableCell>Expires</TableCell>
            <TableCell aria-label="Actions" />
          </TableRow>
        </TableHead>
        <TableBody>
          {keys.map((k) => (
            <TableRow key={k.id}>
              <TableCell>{k.name}</TableCell>
              <TableCell><code>{k.prefix}</code></TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{dateTime(k.createdAt)}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{k.lastUsedAt ? dateTime(k.lastUsedAt) : 'Never'}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {k.expiresAt ? dateTime(k.expiresAt) : 'Never'}
                {k.expiresAt && new Date(k.expiresAt).getTime() < now && <Chip size="small" label="Expired" color="warning" sx={{ ml: 1 }} />}
              </TableCell>
              <TableCell align="right">
                <Button color="error" size="small" onClick={() => onRevoke(k)} aria-label={`Revoke ${k.name}`}>Revoke</Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  )
}

/** API keys: the list (never the secrets), creating one (its secret shown once) and revoking. */
export function ApiKeysSection() {
  const toasts = useToasts()
  const [keys, setKeys] = useState<ApiKeyInfo[] | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [secret, setSecret] = useState<ShownSecret | null>(null)
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null)

  const load = useCallback(async () => {
    try {
      setKeys((await call(api.GET('/api/v1/api-keys'))) as ApiKeyInfo[])
      setError(null)
    } catch (e) {
      setError(e)
    }
  }, [])
  useEffect(() => void load(), [load])

  const revoke = (key: ApiKeyInfo) =>
    setConfirmation({
      title: `Revoke “${key.name}”?`,
      body: 'Requests that use this key are refused from now on. This cannot be undone.',
      confirmLabel: 'Revoke key',
      destructive: true,
      action: async () => {
        await call(api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id: key.id } } }))
        toasts.show(`Revoked “${key.name}”`)
        await load()
      },
    })

  return (
    <>
      <CreateApiKeyForm onCreated={(created) => { setSecret(created); void load() }} />
      {error ? <ProblemAlert error={error} /> : null}
      {keys ? <KeysTable keys={keys} onRevoke={revoke} /> : !error && <SectionLoading />}
      <SecretDialog secret={secret} onClose={() => setSecret(null)} />
      <ConfirmDialog confirmation={confirmation} onClose={() => setConfirmation(null)} />
    </>
  )
}

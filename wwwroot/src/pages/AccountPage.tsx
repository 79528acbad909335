import { useState, type FormEvent, type ReactNode } from 'react'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Paper from '@mui/material/Paper'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { api, call } from '../api/client'
import { asProblem, type ApiProblem } from '../api/problem'
import { useAuth } from '../auth'
import { ProblemAlert } from '../components/ProblemAlert'
import { useToasts } from '../components/Toasts'
import { dateTime } from '../format'
import { needsAlert } from './developers/formProblem'

/** The server's rule (ChangePassword.NewPassword: 8 to 128 characters). */
const minLength = 8
const maxLength = 128

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper component="section" aria-labelledby={id} variant="outlined" sx={{ p: { xs: 2, sm: 3 }, mb: 3, maxWidth: 640 }}>
      <Typography id={id} variant="h5" component="h2" gutterBottom>{title}</Typography>
      {children}
    </Paper>
  )
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <Typography component="dt" color="text.secondary" variant="body2">{label}</Typography>
      <Typography component="dd" sx={{ m: 0, mb: 1.5, overflowWrap: 'anywhere' }}>{children}</Typography>
    </>
  )
}

function Profile() {
  const { me } = useAuth()
  if (!me) return null
  return (
    <Box component="dl" sx={{ m: 0 }}>
      <Field label="Email">{me.user.email}</Field>
      <Field label="Display name">{me.user.displayName || '—'}</Field>
      <Field label="Account">{me.account.name || '—'}</Field>
      <Field label="Roles">
        {me.roles.length > 0
          ? me.roles.map((r) => <Chip key={r} size="small" label={r} sx={{ mr: 0.5 }} component="span" />)
          : '—'}
      </Field>
      <Field label="Member since">{dateTime(me.user.createdAt)}</Field>
    </Box>
  )
}

interface PasswordErrors {
  currentPassword?: string
  newPassword?: string
  confirm?: string
}

function check(current: string, next: string, confirm: string): PasswordErrors {
  const errors: PasswordErrors = {}
  if (!current) errors.currentPassword = 'Enter your current password.'
  if (next.length < minLength) errors.newPassword = `At least ${minLength} characters.`
  else if (next.length > maxLength) errors.newPassword = `At most ${maxLength} characters.`
  if (confirm !== next) errors.confirm = 'The passwords do not match.'
  return errors
}

/** Changing the password ends every session of the user, this one included (the server revokes all refresh tokens),
 * so this browser signs in again with the new password to stay signed in. */
function ChangePasswordForm() {
  const { me, signIn } = useAuth()
  const toasts = useToasts()
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [confirm, setConfirm] = useState('')
  const [checked, setChecked] = useState(false)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<ApiProblem | null>(null)

  const local = checked ? check(current, next, confirm) : {}
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setChecked(true)
    if (Object.keys(check(current, next, confirm)).length > 0) return
    setBusy(true)
    setProblem(null)
    try {
      await call(api.POST('/api/v1/auth/change-password', { body: { currentPassword: current, newPassword: next } }))
    } catch (err) {
      setProblem(asProblem(err))
      setBusy(false)
      return
    }
    setCurrent('')
    setNext('')
    setConfirm('')
    setChecked(false)
    try {
      if (!me?.user.email) throw new Error('No email to sign in with')
      await signIn(me.user.email, next)
      toasts.show('Password changed. You were signed out on every other device and app; sign in there with the new password.')
    } catch {
      toasts.show('Password changed. All your sessions were ended: sign in again with the new password.', 'warning')
    } finally {
      setBusy(false)
    }
  }

  const fields = ['currentPassword', 'newPassword']
  const error = (name: keyof PasswordErrors) => local[name] ?? (name === 'confirm' ? undefined : problem?.fieldError(name))
  return (
    <Box component="form" onSubmit={submit} noValidate aria-labelledby="change-password">
      {/* Lets password managers tie the new password to the account. */}
      <input type="text" name="username" autoComplete="username" value={me?.user.email ?? ''} readOnly hidden />
      <TextField label="Current password" type="password" autoComplete="current-password" required value={current}
        onChange={(e) => setCurrent(e.target.value)} error={!!error('currentPassword')} helperText={error('currentPassword')} />
      <TextField label="New password" type="password" autoComplete="new-password" required value={next}
        onChange={(e) => setNext(e.target.value)} error={!!error('newPassword')}
        helperText={error('newPassword') ?? `At least ${minLength} characters.`} slotProps={{ htmlInput: { minLength, maxLength } }} />
      <TextField label="Confirm new password" type="password" autoComplete="new-password" required value={confirm}
        onChange={(e) => setConfirm(e.target.value)} error={!!error('confirm')} helperText={error('confirm')} />
      {needsAlert(problem, fields) && <ProblemAlert error={problem} shownFields={fields} />}
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        Changing it signs you out everywhere else: other browsers and apps must sign in again. API keys keep working.
      </Typography>
      <Button type="submit" variant="contained" loading={busy} sx={{ mt: 2 }}>Change password</Button>
    </Box>
  )
}

/** Who is signed in, and the password. */
export function AccountPage() {
  return (
    <Box>
      <Typography variant="h4" component="h1" gutterBottom>Account</Typography>
      <Section id="profile" title="Profile">
        <Profile />
      </Section>
      <Section id="change-password" title="Change password">
        <ChangePasswordForm />
      </Section>
    </Box>
  )
}

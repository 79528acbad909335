import { useState, type FormEvent } from 'react'
import { Link as RouterLink, Navigate, useNavigate, useSearchParams } from 'react-router-dom'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Link from '@mui/material/Link'
import Paper from '@mui/material/Paper'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useAuth } from '../auth'
import { asProblem } from '../api/problem'
import { ProblemAlert } from '../components/ProblemAlert'

/** Only paths inside the app, so a crafted ?next= cannot send the user elsewhere after signing in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/'
}

/** Sign in and sign up: one form, two modes. After either, the user lands where they were going (?next=). */
export function AuthPage({ mode }: { mode: 'signin' | 'signup' }) {
  const { me, signIn, signUp } = useAuth()
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [displayName, setDisplayName] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const next = safeNext(params.get('next'))
  const signingUp = mode === 'signup'

  if (me) return <Navigate to={next} replace />

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      if (signingUp) await signUp(email.trim(), password, displayName.trim())
      else await signIn(email.trim(), password)
      navigate(next, { replace: true })
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  const problem = error ? asProblem(error) : null
  const fields = ['email', 'password', 'displayName']
  const other = (to: 'signin' | 'signup') => `/${to}${params.get('next') ? `?next=${encodeURIComponent(next)}` : ''}`

  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2 }}>
      <Paper sx={{ p: { xs: 3, sm: 4 }, width: '100%', maxWidth: 420 }}>
        <Typography variant="overline" color="primary">Video Text Inpainting Service</Typography>
        <Typography variant="h4" component="h1" gutterBottom>
          {signingUp ? 'Create your account' : 'Sign in'}
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 1 }}>
          {signingUp ? 'Free credits to start: remove subtitles and burned-in text from your first videos.' : 'Welcome back.'}
        </Typography>
        <Box component="form" onSubmit={submit} noValidate aria-label={signingUp ? 'Sign up' : 'Sign in'}>
          <TextField label="Email" type="email" autoComplete="email" required autoFocus value={email}
            onChange={(e) => setEmail(e.target.value)} error={!!problem?.fieldError('email')} helperText={problem?.fieldError('email')} />
          {signingUp && (
            <TextField label="Your name (optional)" autoComplete="name" value={displayName} onChange={(e) => setDisplayName(e.target.value)}
              error={!!problem?.fieldError('displayName')} helperText={problem?.fieldError('displayName')} />
          )}
          <TextField label="Password" type="password" autoComplete={signingUp ? 'new-password' : 'current-password'} required value={password}
            onChange={(e) => setPassword(e.target.value)} error={!!problem?.fieldError('password')}
            helperText={problem?.fieldError('password') ?? (signingUp ? 'At least 8 characters.' : undefined)} />
          {problem && (problem.otherErrors(fields).length > 0 || Object.keys(problem.errors).length === 0) && (
            <ProblemAlert error={problem} shownFields={fields} />
          )}
          <Button type="submit" variant="contained" size="large" fullWidth disabled={busy} sx={{ mt: 2 }}>
            {signingUp ? 'Sign up' : 'Sign in'}
          </Button>
        </Box>
        <Typography sx={{ mt: 2 }} variant="body2">
          {signingUp ? 'Already have an account? ' : 'New here? '}
          <Link component={RouterLink} to={other(signingUp ? 'signin' : 'signup')}>
            {signingUp ? 'Sign in' : 'Create an account'}
          </Link>
        </Typography>
      </Paper>
    </Box>
  )
}

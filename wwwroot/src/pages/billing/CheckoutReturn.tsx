import { useEffect, useRef, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import Alert from '@mui/material/Alert'
import CircularProgress from '@mui/material/CircularProgress'
import { api, call } from '../../api/client'
import type { PurchaseView } from '../../api/types'
import { useAuth } from '../../auth'

type Outcome =
  | { phase: 'waiting' }
  | { phase: 'credited'; credits: number }
  | { phase: 'settling' }
  | { phase: 'failed'; expired: boolean }
  | { phase: 'slow' }
  | { phase: 'cancelled' }

const pollEveryMs = 2000
const pollForMs = 30_000

/** Stripe sends the browser back to /billing?checkout=success&session_id=cs_… or /billing?checkout=cancelled. */
function parseReturn(params: URLSearchParams): { outcome: Outcome; sessionId: string | null } | null {
  const checkout = params.get('checkout')
  if (checkout === 'success') return { outcome: { phase: 'waiting' }, sessionId: params.get('session_id') }
  if (checkout === 'cancelled' || checkout === 'cancel') return { outcome: { phase: 'cancelled' }, sessionId: null }
  return null
}

/** What became of the purchase so far: by its Checkout Session when the return URL names it, else by the balance. */
async function check(sessionId: string | null, baseline: number | null): Promise<Outcome | null> {
  if (sessionId) {
    const page = await call(api.GET('/api/v1/billing/purchases', { params: { query: { page: 1, pageSize: 20 } } }))
    const purchase = (page.items ?? []).find((p) => p.checkoutSessionId === sessionId) as PurchaseView | undefined
    if (purchase) return outcomeOf(purchase)
  }
  const credits = await call(api.GET('/api/v1/credits'))
  const balance = credits.balance ?? 0
  return baseline !== null && balance > baseline ? { phase: 'credited', credits: balance - baseline } : null
}

function outcomeOf(purchase: PurchaseView): Outcome | null {
  switch (purchase.status) {
    case 'Pending':
      return null
    case 'AwaitingPayment':
      return { phase: 'settling' }
    case 'Failed':
    case 'Expired':
      return { phase: 'failed', expired: purchase.status === 'Expired' }
    default:
      return { phase: 'credited', credits: purchase.credits }
  }
}

/** After Stripe Checkout: says how it went, and waits (polling) until the paid credits are on the balance. The query
 * is removed from the address at once, so a reload does not say it again; the message stays. */
export function CheckoutReturn({ onCredited }: { onCredited: () => void }) {
  const { me, reload } = useAuth()
  const [params, setParams] = useSearchParams()
  const [initial] = useState(() => parseReturn(params))
  const [outcome, setOutcome] = useState<Outcome | null>(initial?.outcome ?? null)
  const baseline = useRef(me?.credits.balance ?? null)
  const credited = useRef(onCredited)
  useEffect(() => {
    credited.current = onCredited
  })

  useEffect(() => {
    if (!params.has('checkout')) return
    const rest = new URLSearchParams(params)
    rest.delete('checkout')
    rest.delete('session_id')
    setParams(rest, { replace: true })
  }, [params, setParams])

  useEffect(() => {
    if (initial?.outcome.phase !== 'waiting') return
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const started = Date.now()
    const tick = async () => {
      const found = await check(initial.sessionId, baseline.current).catch(() => null)
      if (stopped) return
      if (found || Date.now() - started >= pollForMs) {
        setOutcome(found ?? { phase: 'slow' })
        await reload()
        if (found?.phase === 'credited') credited.current()
        return
      }
      timer = setTimeout(() => void tick(), pollEveryMs)
    }
    void tick()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [initial, reload])

  if (!outcome) return null
  const dismiss = () => setOutcome(null)
  const props = { 'data-testid': 'checkout-message', sx: { mb: 2 } } as const
  switch (outcome.phase) {
    case 'waiting':
      return (
        <Alert {...props} severity="success" role="status" icon={<CircularProgress size={20} aria-hidden />}>
          Payment received — your credits will appear in a moment.
        </Alert>
      )
    case 'credited':
      return (
        <Alert {...props} severity="success" onClose={dismiss}>
          Payment received — {outcome.credits.toLocaleString()} credits added.
        </Alert>
      )
    case 'settling':
      return (
        <Alert {...props} severity="info" onClose={dismiss}>
          Payment submitted. Your bank is still processing it; the credits are added as soon as it settles.
        </Alert>
      )
    case 'failed':
      return (
        <Alert {...props} severity="error" onClose={dismiss}>
          {outcome.expired ? 'The checkout expired before it was paid' : 'The payment did not go through'}; no credits were added.
        </Alert>
      )
    case 'slow':
      return (
        <Alert {...props} severity="info" onClose={dismiss}>
          Payment received — the credits are taking longer than usual. They are added as soon as Stripe confirms the
          payment; refresh this page in a minute.
        </Alert>
      )
    case 'cancelled':
      return (
        <Alert {...props} severity="info" onClose={dismiss}>
          Checkout cancelled; nothing was charged.
        </Alert>
      )
  }
}

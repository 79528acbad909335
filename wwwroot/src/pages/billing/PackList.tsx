import { useEffect, useState } from 'react'
import Button from '@mui/material/Button'
import Card from '@mui/material/Card'
import CardActions from '@mui/material/CardActions'
import CardContent from '@mui/material/CardContent'
import Grid from '@mui/material/Grid'
import Typography from '@mui/material/Typography'
import { api, call } from '../../api/client'
import type { CreditPack } from '../../api/types'
import { useToasts } from '../../components/Toasts'
import { money } from '../../format'
import { isBillingOff, newIdempotencyKey } from './billingApi'

/** Sends the browser to a Stripe page; the button stays busy until the page is gone. */
function useRedirectPending() {
  const [pending, setPending] = useState<string | null>(null)
  useEffect(() => {
    // Coming back with the browser's Back button restores this page from the cache, still busy.
    const reset = (e: PageTransitionEvent) => e.persisted && setPending(null)
    window.addEventListener('pageshow', reset)
    return () => window.removeEventListener('pageshow', reset)
  }, [])
  return [pending, setPending] as const
}

function redirect(url: string | undefined) {
  if (!url) throw new Error('The server answered without a Stripe page to go to.')
  window.location.assign(url)
}

function PackCard({ pack, busy, disabled, onBuy }: { pack: CreditPack; busy: boolean; disabled: boolean; onBuy: () => void }) {
  const perCredit = pack.credits > 0 ? money(pack.unitAmount / pack.credits, pack.currency) : null
  return (
    <Card variant="outlined" sx={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
      <CardContent sx={{ flexGrow: 1 }}>
        <Typography variant="h6" component="h3">{pack.name}</Typography>
        <Typography variant="h4" component="p">{pack.credits.toLocaleString()} credits</Typography>
        <Typography variant="h6" component="p" color="primary">{money(pack.unitAmount, pack.currency)}</Typography>
        {perCredit && <Typography variant="body2" color="text.secondary">{perCredit} per credit</Typography>}
      </CardContent>
      <CardActions sx={{ px: 2, pb: 2 }}>
        <Button variant="contained" fullWidth onClick={onBuy} disabled={disabled} loading={busy} aria-label={`Buy ${pack.name}`}>
          Buy
        </Button>
      </CardActions>
    </Card>
  )
}

/** The packs on sale; Buy starts a Stripe Checkout and leaves for its page. */
export function PackList({ packs, onBillingOff }: { packs: CreditPack[]; onBillingOff: () => void }) {
  const toasts = useToasts()
  const [pending, setPending] = useRedirectPending()

  const buy = async (pack: CreditPack) => {
    setPending(pack.id)
    try {
      // One key per click: a repeat of this request (the client retries once after a 401) gets the same session.
      const started = await call(api.POST('/api/v1/billing/checkout', {
        body: { packId: pack.id },
        headers: { 'Idempotency-Key': newIdempotencyKey() },
      }))
      redirect(started.url)
    } catch (e) {
      setPending(null)
      if (isBillingOff(e)) onBillingOff()
      else toasts.problem(e)
    }
  }

  if (packs.length === 0) return <Typography color="text.secondary">No credit packs are on sale at the moment.</Typography>
  return (
    <Grid container spacing={2}>
      {packs.map((pack) => (
        <Grid key={pack.id} size={{ xs: 12, sm: 6, md: 4 }}>
          <PackCard pack={pack} busy={pending === pack.id} disabled={pending !== null && pending !== pack.id} onBuy={() => void buy(pack)} />
        </Grid>
      ))}
    </Grid>
  )
}

/** The Stripe customer portal: invoices, receipts and payment methods. */
export function ManageBillingButton({ onBillingOff }: { onBillingOff: () => void }) {
  const toasts = useToasts()
  const [pending, setPending] = useRedirectPending()
  const open = async () => {
    setPending('portal')
    try {
      const portal = await call(api.POST('/api/v1/billing/portal', { body: {} }))
      redirect(portal.url)
    } catch (e) {
      setPending(null)
      if (isBillingOff(e)) onBillingOff()
      else toasts.problem(e)
    }
  }
  return (
    <Button variant="outlined" onClick={() => void open()} loading={pending !== null}>
      Manage billing
    </Button>
  )
}

import { useCallback, useEffect, useState, type ReactNode } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Typography from '@mui/material/Typography'
import type { CreditPack } from '../api/types'
import { useAuth } from '../auth'
import { ProblemAlert } from '../components/ProblemAlert'
import { SectionLoading } from './billing/SectionLoading'
import { BalanceSummary } from './billing/BalanceSummary'
import { isBillingOff, loadLedger, loadPacks, loadPurchases } from './billing/billingApi'
import { CheckoutReturn } from './billing/CheckoutReturn'
import { LedgerTable } from './billing/LedgerTable'
import { ManageBillingButton, PackList } from './billing/PackList'
import { Pager } from './billing/Pager'
import { PurchasesTable } from './billing/PurchasesTable'
import { usePaged, type Paged } from './billing/usePaged'

type Catalog = { state: 'loading' } | { state: 'on'; packs: CreditPack[] } | { state: 'off' } | { state: 'failed'; error: unknown }

/** The packs on sale, or that this server sells none (503 /problems/billing-disabled: no Stripe keys). */
function useCatalog() {
  const [catalog, setCatalog] = useState<Catalog>({ state: 'loading' })
  useEffect(() => {
    let live = true
    loadPacks().then(
      (packs) => live && setCatalog({ state: 'on', packs }),
      (error: unknown) => live && setCatalog(isBillingOff(error) ? { state: 'off' } : { state: 'failed', error }),
    )
    return () => {
      live = false
    }
  }, [])
  const turnOff = useCallback(() => setCatalog({ state: 'off' }), [])
  return [catalog, turnOff] as const
}

function Section({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) {
  const id = `billing-${title.toLowerCase().replace(/\W+/g, '-')}`
  return (
    <Box component="section" aria-labelledby={id} sx={{ mb: 4 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 1, flexWrap: 'wrap', mb: 1.5 }}>
        <Typography id={id} variant="h5" component="h2">{title}</Typography>
        {action}
      </Box>
      {children}
    </Box>
  )
}

/** A paged list: its rows, the problem that kept them from loading (in their place), and its page controls. */
function PagedBody<T>({ paged, label, render }: { paged: Paged<T>; label: string; render: (items: T[]) => ReactNode }) {
  if (!paged.data) return paged.error ? <ProblemAlert error={paged.error} /> : <SectionLoading />
  return (
    <>
      {paged.error ? <ProblemAlert error={paged.error} /> : null}
      {render(paged.data.items)}
      <Pager paged={paged} label={label} />
    </>
  )
}

/** Credits: the balance, buying packs through Stripe Checkout (when the server sells them), purchases and the ledger. */
export function BillingPage() {
  const { me } = useAuth()
  const [catalog, turnOff] = useCatalog()
  const purchases = usePaged(loadPurchases)
  const ledger = usePaged(loadLedger)
  const reloadPurchases = purchases.reload
  const reloadLedger = ledger.reload
  const onCredited = useCallback(() => {
    reloadPurchases()
    reloadLedger()
  }, [reloadPurchases, reloadLedger])

  const off = catalog.state === 'off'
  const hasPurchases = (purchases.data?.total ?? 0) > 0
  return (
    <Box>
      <Typography variant="h4" component="h1" gutterBottom>Credits &amp; billing</Typography>
      <CheckoutReturn onCredited={onCredited} />
      <BalanceSummary credits={me?.credits} />

      <Section title="Buy credits" action={catalog.state === 'on' && <ManageBillingButton onBillingOff={turnOff} />}>
        {catalog.state === 'loading' && <SectionLoading />}
        {catalog.state === 'failed' && <ProblemAlert error={catalog.error} />}
        {off && <Alert severity="info" data-testid="billing-off">Buying credits is not available on this server.</Alert>}
        {catalog.state === 'on' && (
          <>
            <Typography color="text.secondary" sx={{ mb: 2 }}>
              Payment is by Stripe Checkout. Credits are added as soon as Stripe confirms the payment, usually within seconds.
            </Typography>
            <PackList packs={catalog.packs} onBillingOff={turnOff} />
          </>
        )}
      </Section>

      {(!off || hasPurchases) && (
        <Section title="Purchases">
          <PagedBody paged={purchases} label="Purchases" render={(items) => <PurchasesTable purchases={items} />} />
        </Section>
      )}

      <Section title="Credit ledger">
        <Typography color="text.secondary" sx={{ mb: 1.5 }}>
          Every change of your credits, newest first. A job reserves its credits when submitted; they are charged when it completes and released if it fails or is cancelled.
        </Typography>
        <PagedBody paged={ledger} label="Ledger" render={(items) => <LedgerTable entries={items} />} />
      </Section>
    </Box>
  )
}

import './fakeFetch'
import { afterEach, describe, expect, it } from 'vitest'
import { render, screen, waitFor, within } from '@testing-library/react'
import { useLocation } from 'react-router-dom'
import userEvent from '@testing-library/user-event'
import { BillingPage } from '../BillingPage'
import { Providers, fakeApi, me } from './testApi'

const packs = {
  packs: [
    { id: 'starter', name: 'Starter', credits: 50, unitAmount: 500, currency: 'usd' },
    { id: 'pro', name: 'Pro', credits: 1000, unitAmount: 6000, currency: 'usd' },
  ],
  publishableKey: 'pk_test',
}
const ledger = {
  items: [{ id: 2, kind: 'charge', amount: -3, hold: -3, jobId: '0199aaaa-bbbb-cccc-dddd-eeeeffff0000', reason: 'Job completed', createdAt: '2026-01-03T00:00:00Z' }],
  page: 1, pageSize: 20, total: 1,
}
const purchase = (status: string) => ({
  id: 'p1', packId: 'starter', packName: 'Starter', credits: 50, amountPaid: status === 'Paid' ? 500 : 0, amountRefunded: 0,
  currency: 'usd', creditsRefunded: 0, creditsFrozen: 0, status, checkoutSessionId: 'cs_1', createdAt: '2026-01-03T00:00:00Z', paidAt: null,
})
const noPurchases = { items: [], page: 1, pageSize: 20, total: 0 }

afterEach(() => localStorage.clear())

function Address() {
  const location = useLocation()
  return <output data-testid="address">{location.pathname + location.search}</output>
}

describe('BillingPage', () => {
  it('lists packs and starts a checkout with an idempotency key', async () => {
    const sent = fakeApi({
      'GET /api/v1/auth/me': () => ({ body: me }),
      'GET /api/v1/billing/packs': () => ({ body: packs }),
      'GET /api/v1/billing/purchases': () => ({ body: noPurchases }),
      'GET /api/v1/credits/ledger': () => ({ body: ledger }),
      'POST /api/v1/billing/checkout': () => ({ status: 502, body: { title: 'The payment provider refused the request' } }),
    })
    render(<Providers at="/billing"><BillingPage /></Providers>)

    expect(await screen.findByRole('heading', { level: 1, name: 'Credits & billing' })).toBeTruthy()
    await waitFor(() => expect(screen.getByTestId('balance-available').textContent).toBe('10'))
    const ledgerTable = await screen.findByTestId('ledger-table')
    expect(within(ledgerTable).getAllByRole('row')[1].textContent).toContain('Job charge−3−3Job completed')
    expect(within(ledgerTable).getByRole('link').getAttribute('href')).toBe('/jobs/0199aaaa-bbbb-cccc-dddd-eeeeffff0000')

    await userEvent.click(await screen.findByRole('button', { name: 'Buy Starter' }))
    await screen.findByText(/The payment provider refused the request/)
    const checkout = sent.find((r) => r.path === '/api/v1/billing/checkout')
    expect(checkout?.body).toEqual({ packId: 'starter' })
    expect(checkout?.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{32,36}$/)
    expect(screen.getByRole('button', { name: 'Manage billing' })).toBeTruthy()
  })

  it('says when the server sells no credits and still shows the ledger', async () => {
    fakeApi({
      'GET /api/v1/auth/me': () => ({ body: me }),
      'GET /api/v1/billing/packs': () => ({ status: 503, body: { type: '/problems/billing-disabled', title: 'Billing is not available' } }),
      'GET /api/v1/billing/purchases': () => ({ body: noPurchases }),
      'GET /api/v1/credits/ledger': () => ({ body: ledger }),
    })
    render(<Providers at="/billing"><BillingPage /></Providers>)
    expect(await screen.findByText('Buying credits is not available on this server.')).toBeTruthy()
    expect(await screen.findByTestId('ledger-table')).toBeTruthy()
    expect(screen.queryByRole('button', { name: /^Buy / })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Manage billing' })).toBeNull()
    expect(screen.queryByRole('heading', { name: 'Purchases' })).toBeNull()
  })

  it('waits after a paid checkout until the purchase is credited', async () => {
    let polls = 0
    fakeApi({
      'GET /api/v1/auth/me': () => ({ body: me }),
      'GET /api/v1/billing/packs': () => ({ body: packs }),
      'GET /api/v1/billing/purchases': () => {
        polls++
        return { body: { items: [purchase(polls > 2 ? 'Paid' : 'Pending')], page: 1, pageSize: 20, total: 1 } }
      },
      'GET /api/v1/credits/ledger': () => ({ body: ledger }),
    })
    render(<Providers at="/billing?checkout=success&session_id=cs_1"><BillingPage /></Providers>)
    expect((await screen.findByTestId('checkout-message')).textContent).toContain('Payment received — your credits will appear in a moment')
    await waitFor(() => expect(screen.getByTestId('checkout-message').textContent).toContain('50 credits added'), { timeout: 6000 })
  }, 10_000)

  it('says a cancelled checkout charged nothing', async () => {
    fakeApi({
      'GET /api/v1/auth/me': () => ({ body: me }),
      'GET /api/v1/billing/packs': () => ({ body: packs }),
      'GET /api/v1/billing/purchases': () => ({ body: noPurchases }),
      'GET /api/v1/credits/ledger': () => ({ body: ledger }),
    })
    render(<Providers at="/billing?checkout=cancelled"><BillingPage /><Address /></Providers>)
    expect((await screen.findByTestId('checkout-message')).textContent).toContain('Checkout cancelled; nothing was charged.')
    await waitFor(() => expect(screen.getByTestId('address').textContent).toBe('/billing'))
    expect(screen.getByTestId('checkout-message')).toBeTruthy()
  })
})

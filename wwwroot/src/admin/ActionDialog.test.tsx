import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { ActionDialog } from './ActionDialog'
import { normalizeAction } from './model'

// As GET /api/v1/admin/metadata describes it on the accounts resource.
const grantCredits = normalizeAction({
  name: 'AdjustCredits',
  label: 'Grant or deduct credits',
  method: 'POST',
  route: '/api/v1/admin/accounts/{accountId}/credits',
  rowValues: { accountId: 'id' },
  inputs: [
    { name: 'amount', type: 'integer', required: false, minimum: -1_000_000_000, maximum: 1_000_000_000 },
    { name: 'reason', type: 'string', required: true, maxLength: 500, minLength: 3 },
  ],
  values: {},
  confirm: false,
})

const account = { id: '6f9619ff-8b86-d011-b42d-00c04fc964ff', name: 'Acme', createdAt: '2026-01-02T03:04:05Z' }

function renderDialog(onDone = vi.fn()) {
  render(<ActionDialog action={grantCredits} row={account} subject="Acme" open onClose={() => {}} onDone={onDone} />)
  return onDone
}

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } })

describe('ActionDialog', () => {
  beforeEach(() => {
    localStorage.setItem('vtis.session', JSON.stringify({ accessToken: 'token-1', refreshToken: 'r', expiresAt: Date.now() + 3_600_000 }))
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    localStorage.clear()
  })

  it('renders a labelled form from the inputs and sends it to the filled route', async () => {
    const fetchMock = vi.fn(async () => json(201, { id: 7, amount: 50, kind: 'Adjustment' }))
    vi.stubGlobal('fetch', fetchMock)
    const onDone = renderDialog()

    expect(screen.getByRole('dialog', { name: 'Grant or deduct credits' })).toBeTruthy()
    const amount = screen.getByRole('spinbutton', { name: 'Amount' })
    const reason = screen.getByRole('textbox', { name: 'Reason' })
    expect(reason.hasAttribute('required')).toBe(true)
    expect(describedBy(reason)).toBe('3–500 characters')
    expect(screen.getByText(/will be applied to Acme/)).toBeTruthy() // "deduct" asks to confirm

    const user = userEvent.setup()
    await user.type(amount, '50')
    await user.type(reason, 'Goodwill for the outage')
    await user.click(screen.getByRole('button', { name: 'Grant or deduct credits' }))

    await waitFor(() => expect(onDone).toHaveBeenCalledWith({ id: 7, amount: 50, kind: 'Adjustment' }))
    expect(fetchMock).toHaveBeenCalledTimes(1)
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/v1/admin/accounts/6f9619ff-8b86-d011-b42d-00c04fc964ff/credits')
    expect(init.method).toBe('POST')
    expect(JSON.parse(String(init.body))).toEqual({ amount: 50, reason: 'Goodwill for the outage' })
    const headers = init.headers as Record<string, string>
    expect(headers.Authorization).toBe('Bearer token-1')
    expect(headers['Content-Type']).toBe('application/json')
  })

  it('shows a problem’s field error under its input', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(422, {
      title: 'One or more fields are invalid.', status: 422, errors: { Amount: ['An adjustment must move credits (not 0).'] },
    }, 'application/problem+json')))
    const onDone = renderDialog()

    const user = userEvent.setup()
    await user.type(screen.getByRole('spinbutton', { name: 'Amount' }), '0')
    await user.type(screen.getByRole('textbox', { name: 'Reason' }), 'Nothing')
    await user.click(screen.getByRole('button', { name: 'Grant or deduct credits' }))

    const amount = screen.getByRole('spinbutton', { name: 'Amount' })
    await waitFor(() => expect(describedBy(amount)).toBe('An adjustment must move credits (not 0).'))
    expect(amount.getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByRole('alert').textContent).toContain('One or more fields are invalid.')
    expect(onDone).not.toHaveBeenCalled()
  })

  it('checks required inputs before sending anything', async () => {
    const fetchMock = vi.fn()
    vi.stubGlobal('fetch', fetchMock)
    renderDialog()

    await userEvent.setup().click(screen.getByRole('button', { name: 'Grant or deduct credits' }))

    expect(describedBy(screen.getByRole('textbox', { name: 'Reason' }))).toBe('Reason is required.')
    expect(fetchMock).not.toHaveBeenCalled()
  })
})

function describedBy(element: HTMLElement): string {
  const ids = (element.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean)
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim()
}

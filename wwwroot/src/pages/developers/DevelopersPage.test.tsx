import '../billing/fakeFetch'
import { afterEach, describe, expect, it } from 'vitest'
import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { DevelopersPage } from '../DevelopersPage'
import { Providers, fakeApi, me } from '../billing/testApi'

const endpoint = {
  id: 'e1', url: 'https://hooks.example.com/vtis', description: null, eventTypes: ['job.completed'], enabled: true,
  disabledReason: null, disabledAt: null, failingSince: null, previousSecretExpiresAt: null, createdAt: '2026-01-02T00:00:00Z',
}
const delivery = {
  id: 'd1', endpointId: 'e1', messageId: 'msg_1', eventType: 'webhook.test', status: 'Failed', attemptCount: 8, nextAttemptAt: null,
  createdAt: '2026-01-02T00:00:00Z', attempts: [{ at: '2026-01-02T00:00:00Z', statusCode: 500, latencyMs: 12, responseSnippet: 'oops', error: null }],
}

afterEach(() => localStorage.clear())

describe('DevelopersPage', () => {
  it('creates an API key and shows its secret once', async () => {
    const keys: unknown[] = []
    const sent = fakeApi({
      'GET /api/v1/auth/me': () => ({ body: me }),
      'GET /api/v1/api-keys': () => ({ body: keys }),
      'POST /api/v1/api-keys': () => {
        const key = { id: 'k1', name: 'CI', prefix: 'vtis_ab12', createdAt: '2026-01-02T00:00:00Z', expiresAt: null, lastUsedAt: null }
        keys.push(key)
        return { status: 201, body: { ...key, key: 'vtis_ab12_secret' } }
      },
      'GET /api/v1/webhooks/endpoints': () => ({ body: { items: [], page: 1, pageSize: 200, total: 0 } }),
    })
    render(<Providers at="/developers"><DevelopersPage /></Providers>)
    expect(screen.getByRole('heading', { level: 1, name: 'Developers' })).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Open the API explorer' }).getAttribute('href')).toBe('/api/')

    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Create API key' }))
    expect(await screen.findByText('Give the key a name, e.g. what it is for.')).toBeTruthy()
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'CI')
    await user.click(screen.getByRole('button', { name: 'Create API key' }))

    const dialog = await screen.findByRole('dialog', { name: 'API key “CI”' })
    expect(within(dialog).getByTestId('shown-secret').textContent).toBe('vtis_ab12_secret')
    expect(within(dialog).getByText(/it will not be shown again/)).toBeTruthy()
    expect(sent.find((r) => r.method === 'POST')?.body).toEqual({ name: 'CI', expiresAt: null })
    await user.click(within(dialog).getByRole('button', { name: 'Done' }))
    expect(await screen.findByRole('button', { name: 'Revoke CI' })).toBeTruthy()
  })

  it('shows a refused webhook URL under the URL field, then registers, lists deliveries and replays one', async () => {
    const endpoints: unknown[] = []
    let refused = true
    const sent = fakeApi({
      'GET /api/v1/auth/me': () => ({ body: me }),
      'GET /api/v1/api-keys': () => ({ body: [] }),
      'GET /api/v1/webhooks/endpoints': () => ({ body: { items: endpoints, page: 1, pageSize: 200, total: endpoints.length } }),
      'POST /api/v1/webhooks/endpoints': () => {
        if (refused) {
          refused = false
          return { status: 422, body: { type: '/problems/webhook-url-refused', title: 'This URL cannot receive webhooks', detail: "'localhost' resolves to 127.0.0.1, which is not a public address.", errors: { url: ["'localhost' resolves to 127.0.0.1, which is not a public address."] } } }
        }
        endpoints.push(endpoint)
        return { status: 201, body: { endpoint, secret: 'whsec_abc' } }
      },
      'GET /api/v1/webhooks/endpoints/e1/deliveries': () => ({ body: { items: [delivery], page: 1, pageSize: 10, total: 1 } }),
      'POST /api/v1/webhooks/deliveries/d1/replay': () => ({ status: 202, body: delivery }),
    })
    render(<Providers at="/developers"><DevelopersPage /></Providers>)
    const user = userEvent.setup()
    const form = screen.getByRole('form', { name: 'Add endpoint' })
    const types = within(form).getByRole('group', { name: 'Event types' })
    expect(within(types).getAllByRole('checkbox').every((c) => (c as HTMLInputElement).checked)).toBe(true)

    await user.type(within(form).getByRole('textbox', { name: /URL/ }), 'http://localhost/hook')
    await user.click(within(form).getByRole('button', { name: 'Add endpoint' }))
    expect(await within(form).findByText("'localhost' resolves to 127.0.0.1, which is not a public address.")).toBeTruthy()
    expect(within(form).queryByRole('alert')).toBeNull()

    await user.clear(within(form).getByRole('textbox', { name: /URL/ }))
    await user.type(within(form).getByRole('textbox', { name: /URL/ }), endpoint.url)
    await user.click(within(form).getByRole('button', { name: 'Add endpoint' }))
    const secret = await screen.findByRole('dialog', { name: `Signing secret for ${endpoint.url}` })
    expect(within(secret).getByTestId('shown-secret').textContent).toBe('whsec_abc')
    await user.click(within(secret).getByRole('button', { name: 'Done' }))

    await user.click(await screen.findByRole('button', { name: `Deliveries for ${endpoint.url}` }))
    const log = await screen.findByRole('dialog', { name: `Deliveries to ${endpoint.url}` })
    const table = await within(log).findByTestId('deliveries-table')
    expect(within(table).getAllByRole('row')[1].textContent).toContain('HTTP 500')
    await user.click(within(table).getByRole('button', { name: /^Replay webhook.test delivery/ }))
    await waitFor(() => expect(sent.some((r) => r.path === '/api/v1/webhooks/deliveries/d1/replay')).toBe(true))
    expect(sent.filter((r) => r.method === 'POST' && r.path === '/api/v1/webhooks/endpoints').at(-1)?.body).toEqual({
      url: endpoint.url, description: null, eventTypes: ['job.completed', 'job.failed', 'job.cancelled', 'job.progress', 'credits.low', 'purchase.completed'], enabled: true,
    })
  })
})

import '../billing/fakeFetch'
import { afterEach, describe, expect, it } from 'vitest'
import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { AccountPage } from '../AccountPage'
import { Providers, fakeApi, me } from '../billing/testApi'

afterEach(() => localStorage.clear())

describe('AccountPage', () => {
  it('checks the new password, shows the server’s field error, and signs in again after a change', async () => {
    let wrong = true
    const sent = fakeApi({
      'GET /api/v1/auth/me': () => ({ body: me }),
      'POST /api/v1/auth/change-password': () => {
        if (!wrong) return { status: 204 }
        wrong = false
        return { status: 400, body: { title: 'One or more fields are invalid.', errors: { currentPassword: ['The current password is not correct.'] } } }
      },
      'POST /api/v1/auth/login': () => ({ body: { accessToken: 'new', refreshToken: 'new-r', expiresIn: 900 } }),
    })
    render(<Providers at="/account"><AccountPage /></Providers>)
    expect(await screen.findByText('ada@example.com')).toBeTruthy()
    const user = userEvent.setup()
    await user.type(screen.getByLabelText(/^Current password/), 'old-password')
    await user.type(screen.getByLabelText(/^New password/), 'new-password-1')
    await user.type(screen.getByLabelText(/^Confirm new password/), 'new-password-2')
    await user.click(screen.getByRole('button', { name: 'Change password' }))
    expect(await screen.findByText('The passwords do not match.')).toBeTruthy()
    expect(sent.some((r) => r.path === '/api/v1/auth/change-password')).toBe(false)

    await user.clear(screen.getByLabelText(/^Confirm new password/))
    await user.type(screen.getByLabelText(/^Confirm new password/), 'new-password-1')
    await user.click(screen.getByRole('button', { name: 'Change password' }))
    expect(await screen.findByText('The current password is not correct.')).toBeTruthy()

    await user.click(screen.getByRole('button', { name: 'Change password' }))
    expect(await screen.findByText(/Password changed/)).toBeTruthy()
    await waitFor(() => expect(sent.find((r) => r.path === '/api/v1/auth/login')?.body).toEqual({ email: 'ada@example.com', password: 'new-password-1' }))
    expect((screen.getByLabelText(/^Current password/) as HTMLInputElement).value).toBe('')
  })
})

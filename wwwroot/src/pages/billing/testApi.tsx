import type { ReactNode } from 'react'
import { MemoryRouter } from 'react-router-dom'
import { fakeFetch } from './fakeFetch'
import { AuthProvider } from '../../auth'
import { ToastProvider } from '../../components/Toasts'

/** Test support: a fake API (method + path → answer) behind fetch, and the providers the pages need. */
export interface Sent {
  method: string
  path: string
  body: unknown
  headers: Headers
}

type Handler = (request: Sent) => { status?: number; body?: unknown } | undefined

export const me = {
  user: { id: 'u1', email: 'ada@example.com', displayName: 'Ada', createdAt: '2026-01-02T03:04:05Z' },
  account: { id: 'a1', name: 'Ada’s account' },
  roles: ['user'],
  credits: { balance: 10, reserved: 0, available: 10 },
  authenticatedBy: 'jwt',
}

export function fakeApi(routes: Record<string, Handler>) {
  const sent: Sent[] = []
  localStorage.setItem('vtis.session', JSON.stringify({ accessToken: 't', refreshToken: 'r', expiresAt: Date.now() + 3_600_000 }))
  fakeFetch.handler = async (input: Request) => {
    const url = new URL(input.url)
    const text = await input.text()
    const request: Sent = { method: input.method, path: url.pathname + url.search, body: text ? JSON.parse(text) : undefined, headers: input.headers }
    sent.push(request)
    const answer = routes[`${input.method} ${url.pathname}`]?.(request)
    if (!answer) return new Response(JSON.stringify({ title: `No fake for ${input.method} ${url.pathname}` }), { status: 500 })
    if (answer.status === 204) return new Response(null, { status: 204 })
    const status = answer.status ?? 200
    return new Response(JSON.stringify(answer.body ?? {}), {
      status,
      headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
    })
  }
  return sent
}

export function Providers({ children, at = '/' }: { children: ReactNode; at?: string }) {
  return (
    <MemoryRouter initialEntries={[at]}>
      <ToastProvider>
        <AuthProvider>{children}</AuthProvider>
      </ToastProvider>
    </MemoryRouter>
  )
}

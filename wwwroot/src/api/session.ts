import type { components } from './schema'

type AuthTokens = components['schemas']['AuthTokens']

/** The signed-in session: tokens kept in localStorage, refreshed before they run out (one refresh at a time). */
export interface Session {
  accessToken: string
  refreshToken: string
  expiresAt: number
}

const key = 'vtis.session'
const listeners = new Set<(session: Session | null) => void>()
let refreshing: Promise<Session | null> | null = null

export function currentSession(): Session | null {
  try {
    const raw = localStorage.getItem(key)
    return raw ? (JSON.parse(raw) as Session) : null
  } catch {
    return null
  }
}

export function saveTokens(tokens: AuthTokens): Session {
  const session: Session = {
    accessToken: tokens.accessToken ?? '',
    refreshToken: tokens.refreshToken ?? '',
    expiresAt: Date.now() + (tokens.expiresIn ?? 900) * 1000,
  }
  localStorage.setItem(key, JSON.stringify(session))
  listeners.forEach((l) => l(session))
  return session
}

export function clearSession(): void {
  localStorage.removeItem(key)
  listeners.forEach((l) => l(null))
}

export function onSessionChange(listener: (session: Session | null) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** A usable access token: refreshed silently when it expires within a minute; null when signed out. */
export async function accessToken(force = false): Promise<string | null> {
  const session = currentSession()
  if (!session) return null
  if (!force && session.expiresAt - Date.now() > 60_000) return session.accessToken
  refreshing ??= refresh(session.refreshToken).finally(() => (refreshing = null))
  return (await refreshing)?.accessToken ?? null
}

async function refresh(refreshToken: string): Promise<Session | null> {
  try {
    const response = await fetch('/api/v1/auth/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    })
    if (!response.ok) {
      if (response.status === 401 || response.status === 403) clearSession()
      return null
    }
    return saveTokens((await response.json()) as AuthTokens)
  } catch {
    return null // offline: keep the session, try again on the next call
  }
}

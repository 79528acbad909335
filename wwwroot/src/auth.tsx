import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react'
import { api, call } from './api/client'
import { clearSession, currentSession, onSessionChange, saveTokens } from './api/session'
import type { Me } from './api/types'

interface Auth {
  me: Me | null
  loading: boolean
  isAdmin: boolean
  signIn: (email: string, password: string) => Promise<void>
  signUp: (email: string, password: string, displayName?: string) => Promise<void>
  signOut: () => Promise<void>
  reload: () => Promise<void>
}

const Context = createContext<Auth | null>(null)

export function useAuth(): Auth {
  const auth = useContext(Context)
  if (!auth) throw new Error('useAuth outside AuthProvider')
  return auth
}

/** Who is signed in (GET /auth/me), kept up to date with the session in localStorage. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null)
  const [loading, setLoading] = useState(true)

  const reload = useCallback(async () => {
    if (!currentSession()) {
      setMe(null)
      setLoading(false)
      return
    }
    try {
      setMe((await call(api.GET('/api/v1/auth/me'))) as Me)
    } catch {
      setMe(null)
    } finally {
      setLoading(false)
    }
  }, [])

  useEffect(() => {
    void reload()
    return onSessionChange((session) => {
      if (!session) setMe(null)
    })
  }, [reload])

  const signIn = async (email: string, password: string) => {
    saveTokens(await call(api.POST('/api/v1/auth/login', { body: { email, password } })))
    await reload()
  }
  const signUp = async (email: string, password: string, displayName?: string) => {
    saveTokens(await call(api.POST('/api/v1/auth/register', { body: { email, password, displayName: displayName || null } })))
    await reload()
  }
  const signOut = async () => {
    const session = currentSession()
    if (session) await api.POST('/api/v1/auth/logout', { body: { refreshToken: session.refreshToken } }).catch(() => undefined)
    clearSession()
  }

  return (
    <Context.Provider value={{ me, loading, isAdmin: me?.roles.includes('admin') ?? false, signIn, signUp, signOut, reload }}>
      {children}
    </Context.Provider>
  )
}

import { createContext, useCallback, useContext, useState, type ReactNode } from 'react'
import Alert from '@mui/material/Alert'
import Snackbar from '@mui/material/Snackbar'
import { asProblem } from '../api/problem'

interface Toast {
  id: number
  message: string
  severity: 'success' | 'info' | 'warning' | 'error'
}

interface Toasts {
  show: (message: string, severity?: Toast['severity']) => void
  problem: (error: unknown) => void
}

const Context = createContext<Toasts>({ show: () => {}, problem: () => {} })

export const useToasts = () => useContext(Context)

/** Short messages at the bottom of the screen; a failed action shows its problem's title and detail. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState<Toast | null>(null)
  const show = useCallback((message: string, severity: Toast['severity'] = 'success') => setToast({ id: Date.now(), message, severity }), [])
  const problem = useCallback((error: unknown) => {
    const p = asProblem(error)
    setToast({ id: Date.now(), message: p.detail && p.detail !== p.title ? `${p.title}: ${p.detail}` : p.title, severity: 'error' })
  }, [])
  return (
    <Context.Provider value={{ show, problem }}>
      {children}
      <Snackbar key={toast?.id} open={toast !== null} autoHideDuration={6000} onClose={() => setToast(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}>
        {toast ? <Alert severity={toast.severity} onClose={() => setToast(null)} variant="filled">{toast.message}</Alert> : undefined}
      </Snackbar>
    </Context.Provider>
  )
}

import { useState, type ReactNode } from 'react'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogContentText from '@mui/material/DialogContentText'
import DialogTitle from '@mui/material/DialogTitle'
import { ProblemAlert } from './ProblemAlert'

export interface Confirmation {
  title: string
  body: ReactNode
  confirmLabel: string
  destructive?: boolean
  action: () => Promise<void>
}

/** Asks before an action; the action's failure is shown in the dialog, which then stays open. */
export function ConfirmDialog({ confirmation, onClose }: { confirmation: Confirmation | null; onClose: () => void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)

  const close = () => {
    setError(null)
    onClose()
  }
  const confirm = async () => {
    if (!confirmation) return
    setBusy(true)
    setError(null)
    try {
      await confirmation.action()
      close()
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog open={confirmation !== null} onClose={() => !busy && close()} maxWidth="xs" fullWidth>
      <DialogTitle>{confirmation?.title}</DialogTitle>
      <DialogContent>
        <DialogContentText component="div">{confirmation?.body}</DialogContentText>
        <ProblemAlert error={error} />
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={busy}>Cancel</Button>
        <Button onClick={() => void confirm()} loading={busy} variant="contained" color={confirmation?.destructive ? 'error' : 'primary'}>
          {confirmation?.confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  )
}

import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogContentText from '@mui/material/DialogContentText'
import DialogTitle from '@mui/material/DialogTitle'

/** Asks before something that cannot be undone. */
export function ConfirmDialog({ open, title, text, confirm, onConfirm, onClose }: {
  open: boolean
  title: string
  text: string
  confirm: string
  onConfirm: () => void
  onClose: () => void
}) {
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="confirm-title" aria-describedby="confirm-text">
      <DialogTitle id="confirm-title">{title}</DialogTitle>
      <DialogContent>
        <DialogContentText id="confirm-text">{text}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>Keep it</Button>
        <Button color="error" variant="contained" onClick={onConfirm}>{confirm}</Button>
      </DialogActions>
    </Dialog>
  )
}

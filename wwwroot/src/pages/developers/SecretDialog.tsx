import { useRef, type ReactNode } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import Typography from '@mui/material/Typography'
import ContentCopyIcon from '@mui/icons-material/ContentCopy'
import { useToasts } from '../../components/Toasts'

export interface ShownSecret {
  title: string
  value: string
  /** What the secret is for and how to use it. */
  note?: ReactNode
}

/** A secret the server answers once (an API key, a signing secret), with a copy button. Clicking outside does not
 * close it, so it is not lost by accident. */
export function SecretDialog({ secret, onClose }: { secret: ShownSecret | null; onClose: () => void }) {
  const toasts = useToasts()
  const text = useRef<HTMLElement>(null)

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret?.value ?? '')
      toasts.show('Copied to the clipboard')
    } catch {
      // No clipboard (plain http, or permission refused): select the text so the user can copy it themselves.
      if (text.current) window.getSelection()?.selectAllChildren(text.current)
      toasts.show('Select and copy the secret yourself (Ctrl+C or ⌘C): the clipboard is not available.', 'info')
    }
  }

  return (
    <Dialog open={secret !== null} onClose={(_, reason) => reason !== 'backdropClick' && onClose()} maxWidth="sm" fullWidth>
      <DialogTitle>{secret?.title}</DialogTitle>
      <DialogContent>
        {secret?.note && <Typography sx={{ mb: 2 }}>{secret.note}</Typography>}
        <Box
          ref={text}
          component="code"
          data-testid="shown-secret"
          sx={{
            display: 'block', p: 1.5, mb: 2, borderRadius: 1, bgcolor: 'grey.100', fontFamily: 'monospace', fontSize: 14,
            wordBreak: 'break-all', userSelect: 'all',
          }}
        >
          {secret?.value}
        </Box>
        <Alert severity="warning">Copy it now and keep it somewhere safe: it will not be shown again.</Alert>
      </DialogContent>
      <DialogActions sx={{ flexWrap: 'wrap', gap: 1 }}>
        <Button startIcon={<ContentCopyIcon />} onClick={() => void copy()} variant="contained">Copy</Button>
        <Button onClick={onClose}>Done</Button>
      </DialogActions>
    </Dialog>
  )
}

import { useRef, useState, useSyncExternalStore, type DragEvent, type KeyboardEvent } from 'react'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import List from '@mui/material/List'
import ListItem from '@mui/material/ListItem'
import Paper from '@mui/material/Paper'
import Typography from '@mui/material/Typography'
import UploadIcon from '@mui/icons-material/CloudUpload'
import { bytes, duration } from '../format'
import type { UploadItem, UploadQueue } from './uploadQueue'

const stateText: Record<UploadItem['state'], string> = {
  rejected: 'Not sent',
  waiting: 'Waiting',
  uploading: 'Uploading',
  checking: 'Checking the video',
  done: 'Ready',
  failed: 'Failed',
  cancelled: 'Cancelled',
}

function Progress({ item, onCancel, onRemove }: { item: UploadItem; onCancel: () => void; onRemove: () => void }) {
  const percent = item.file.size > 0 ? Math.round((item.loaded / item.file.size) * 100) : 0
  const active = item.state === 'waiting' || item.state === 'uploading'
  return (
    <ListItem data-testid="upload-item" data-state={item.state} sx={{ display: 'block', px: 0 }}>
      <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 1, flexWrap: 'wrap' }}>
        <Typography sx={{ fontWeight: 500, wordBreak: 'break-all' }}>{item.file.name}</Typography>
        <Typography variant="body2" color={item.error ? 'error' : 'text.secondary'}>{stateText[item.state]}</Typography>
      </Box>
      {item.state !== 'rejected' && (
        <LinearProgress
          variant={item.state === 'checking' ? 'indeterminate' : 'determinate'}
          value={percent}
          color={item.state === 'failed' ? 'error' : item.state === 'done' ? 'success' : 'primary'}
          aria-label={`Upload of ${item.file.name}`}
          sx={{ my: 0.5 }}
        />
      )}
      <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="body2" color={item.error ? 'error' : 'text.secondary'} role={item.error ? 'alert' : undefined}>
          {item.error ??
            (item.state === 'uploading'
              ? `${bytes(item.loaded)} of ${bytes(item.file.size)} · ${bytes(item.speed)}/s · ${item.secondsLeft != null ? `${duration(item.secondsLeft)} left` : 'estimating…'}`
              : `${bytes(item.file.size)}`)}
        </Typography>
        {active ? (
          <Button size="small" onClick={onCancel} aria-label={`Cancel upload of ${item.file.name}`}>Cancel</Button>
        ) : item.state !== 'done' ? (
          <Button size="small" onClick={onRemove} aria-label={`Remove ${item.file.name}`}>Remove</Button>
        ) : null}
      </Box>
    </ListItem>
  )
}

/** Drop videos here or choose them: each is checked (type, size) before it is sent, then uploaded with progress. */
export function UploadPanel({ queue, accept, maxBytes }: { queue: UploadQueue; accept: string[]; maxBytes: number }) {
  const items = useSyncExternalStore(queue.subscribe, queue.snapshot)
  const input = useRef<HTMLInputElement>(null)
  const [over, setOver] = useState(false)

  const drop = (e: DragEvent) => {
    e.preventDefault()
    setOver(false)
    if (e.dataTransfer.files.length) queue.add(Array.from(e.dataTransfer.files))
  }
  const key = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault()
      input.current?.click()
    }
  }

  return (
    <Paper sx={{ p: 2 }}>
      <Box
        role="button"
        tabIndex={0}
        aria-label="Choose videos to upload, or drop them here"
        data-testid="drop-zone"
        onClick={() => input.current?.click()}
        onKeyDown={key}
        onDragOver={(e) => {
          e.preventDefault()
          setOver(true)
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        sx={{
          border: '2px dashed', borderColor: over ? 'primary.main' : 'divider', bgcolor: over ? 'action.hover' : 'transparent',
          borderRadius: 2, p: { xs: 3, sm: 5 }, textAlign: 'center', cursor: 'pointer',
          '&:focus-visible': { outline: '3px solid', outlineColor: 'primary.main' },
        }}
      >
        <UploadIcon color="primary" sx={{ fontSize: 48 }} />
        <Typography variant="h6" component="p">Drop videos here or click to choose</Typography>
        <Typography variant="body2" color="text.secondary">
          {accept.map((a) => a.replace('.', '').toUpperCase()).join(', ')} up to {bytes(maxBytes)} each. You can add several.
        </Typography>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          aria-label="Video files"
          data-testid="file-input"
          accept={[...accept, 'video/mp4', 'video/quicktime', 'video/x-msvideo'].join(',')}
          onChange={(e) => {
            if (e.target.files?.length) queue.add(Array.from(e.target.files))
            e.target.value = ''
          }}
        />
      </Box>
      {items.length > 0 && (
        <List aria-label="Uploads">
          {items.map((item) => (
            <Progress key={item.id} item={item} onCancel={() => queue.cancel(item.id)} onRemove={() => queue.remove(item.id)} />
          ))}
        </List>
      )}
    </Paper>
  )
}

import Box from '@mui/material/Box'
import CircularProgress from '@mui/material/CircularProgress'

/** A section's spinner while its data loads (the page around it stays usable). */
export function SectionLoading({ label = 'Loading' }: { label?: string }) {
  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', p: 3 }} role="status" aria-label={label}>
      <CircularProgress size={32} />
    </Box>
  )
}

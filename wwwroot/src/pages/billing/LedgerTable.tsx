import { Link as RouterLink } from 'react-router-dom'
import Link from '@mui/material/Link'
import Paper from '@mui/material/Paper'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import type { LedgerEntry } from '../../api/types'
import { dateTime } from '../../format'

const kinds: Record<string, string> = {
  grant: 'Free credits',
  purchase: 'Purchase',
  reserve: 'Reserved for a job',
  release: 'Released',
  charge: 'Job charge',
  refund: 'Refund',
  adjustment: 'Adjustment',
  freeze: 'Frozen (dispute)',
  unfreeze: 'Unfrozen',
}

/** +12 / −3, or a dash for no change. */
function signed(n: number): string {
  if (n === 0) return '—'
  return n > 0 ? `+${n.toLocaleString()}` : `−${Math.abs(n).toLocaleString()}`
}

export function LedgerTable({ entries }: { entries: LedgerEntry[] }) {
  if (entries.length === 0) return <Typography color="text.secondary">No credit movements yet.</Typography>
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table size="small" aria-label="Credit ledger" data-testid="ledger-table" sx={{ minWidth: 640 }}>
        <TableHead>
          <TableRow>
            <TableCell>Date</TableCell>
            <TableCell>Kind</TableCell>
            <TableCell align="right">Credits</TableCell>
            <TableCell align="right">Reserved</TableCell>
            <TableCell>Description</TableCell>
            <TableCell>Job</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {entries.map((e) => (
            <TableRow key={e.id}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{dateTime(e.createdAt)}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{kinds[e.kind] ?? e.kind}</TableCell>
              <TableCell align="right" sx={{ color: e.amount < 0 ? 'error.main' : e.amount > 0 ? 'success.main' : undefined, fontWeight: 500 }}>
                {signed(e.amount)}
              </TableCell>
              <TableCell align="right">{signed(e.hold)}</TableCell>
              <TableCell sx={{ minWidth: 220 }}>{e.reason ?? ''}</TableCell>
              <TableCell>
                {e.jobId && (
                  <Link component={RouterLink} to={`/jobs/${e.jobId}`} aria-label={`Job ${e.jobId}`}>
                    {e.jobId.slice(0, 8)}
                  </Link>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  )
}

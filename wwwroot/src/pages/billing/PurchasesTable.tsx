import Chip, { type ChipProps } from '@mui/material/Chip'
import Paper from '@mui/material/Paper'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import type { PurchaseView } from '../../api/types'
import { dateTime, money } from '../../format'

const statuses: Record<PurchaseView['status'], { label: string; color: ChipProps['color'] }> = {
  Pending: { label: 'Not paid yet', color: 'default' },
  AwaitingPayment: { label: 'Payment processing', color: 'info' },
  Paid: { label: 'Paid', color: 'success' },
  Failed: { label: 'Failed', color: 'error' },
  PartiallyRefunded: { label: 'Partly refunded', color: 'warning' },
  Refunded: { label: 'Refunded', color: 'warning' },
  Disputed: { label: 'Disputed', color: 'warning' },
  DisputeLost: { label: 'Dispute lost', color: 'error' },
  Expired: { label: 'Expired', color: 'default' },
}

function Credits({ p }: { p: PurchaseView }) {
  const notes = [
    p.creditsRefunded > 0 && `${p.creditsRefunded.toLocaleString()} taken back`,
    p.creditsFrozen > 0 && `${p.creditsFrozen.toLocaleString()} frozen`,
  ].filter(Boolean)
  return (
    <>
      {p.credits.toLocaleString()}
      {notes.length > 0 && <Typography variant="caption" component="div" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>{notes.join(', ')}</Typography>}
    </>
  )
}

function Amount({ p }: { p: PurchaseView }) {
  if (p.amountPaid === 0) return <>—</>
  return (
    <>
      {money(p.amountPaid, p.currency)}
      {p.amountRefunded > 0 && (
        <Typography variant="caption" component="div" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>{money(p.amountRefunded, p.currency)} refunded</Typography>
      )}
    </>
  )
}

export function PurchasesTable({ purchases }: { purchases: PurchaseView[] }) {
  if (purchases.length === 0) return <Typography color="text.secondary">No purchases yet.</Typography>
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table size="small" aria-label="Purchases" data-testid="purchases-table" sx={{ minWidth: 560 }}>
        <TableHead>
          <TableRow>
            <TableCell>Date</TableCell>
            <TableCell>Pack</TableCell>
            <TableCell align="right">Credits</TableCell>
            <TableCell align="right">Amount</TableCell>
            <TableCell>Status</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {purchases.map((p) => (
            <TableRow key={p.id}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{dateTime(p.createdAt)}</TableCell>
              <TableCell>{p.packName}</TableCell>
              <TableCell align="right"><Credits p={p} /></TableCell>
              <TableCell align="right"><Amount p={p} /></TableCell>
              <TableCell>
                <Chip size="small" label={statuses[p.status]?.label ?? p.status} color={statuses[p.status]?.color ?? 'default'} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  )
}

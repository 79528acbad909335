import Card from '@mui/material/Card'
import CardContent from '@mui/material/CardContent'
import Grid from '@mui/material/Grid'
import Typography from '@mui/material/Typography'
import type { components } from '../../api/schema'

// As useAuth().me carries it: the nested object's members are optional in the generated types.
type CreditBalance = components['schemas']['CreditBalance']

function Figure({ label, value, hint, testId }: { label: string; value: number | undefined; hint: string; testId: string }) {
  const id = `${testId}-label`
  return (
    <Card variant="outlined" sx={{ height: '100%' }} role="group" aria-labelledby={id}>
      <CardContent>
        <Typography id={id} variant="overline" color="text.secondary">{label}</Typography>
        <Typography variant="h4" component="p" data-testid={testId}>{value?.toLocaleString() ?? '—'}</Typography>
        <Typography variant="body2" color="text.secondary">{hint}</Typography>
      </CardContent>
    </Card>
  )
}

/** Available, reserved and total credits, as the top bar knows them. */
export function BalanceSummary({ credits }: { credits: CreditBalance | undefined }) {
  return (
    <Grid container spacing={2} sx={{ mb: 3 }}>
      <Grid size={{ xs: 12, sm: 4 }}>
        <Figure label="Available credits" value={credits?.available} hint="What new jobs can use." testId="balance-available" />
      </Grid>
      <Grid size={{ xs: 6, sm: 4 }}>
        <Figure label="Reserved" value={credits?.reserved} hint="Held by running jobs." testId="balance-reserved" />
      </Grid>
      <Grid size={{ xs: 6, sm: 4 }}>
        <Figure label="Balance" value={credits?.balance} hint="Available plus reserved." testId="balance-total" />
      </Grid>
    </Grid>
  )
}

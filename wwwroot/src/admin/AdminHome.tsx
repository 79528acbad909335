import { Link as RouterLink } from 'react-router-dom'
import Card from '@mui/material/Card'
import CardActionArea from '@mui/material/CardActionArea'
import CardContent from '@mui/material/CardContent'
import Grid from '@mui/material/Grid'
import Typography from '@mui/material/Typography'
import { useMetadata } from './metadata'
import { listFields, type Resource } from './model'

/** A card per resource from the metadata, and the system page. */
export function AdminHome() {
  const { resources } = useMetadata()
  return (
    <>
      <Typography variant="h4" component="h1" sx={{ mb: 2 }}>Admin console</Typography>
      <Grid container spacing={2} component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
        {resources.map((r) => <HomeCard key={r.name} to={r.name} title={r.label} text={describe(r)} />)}
        <HomeCard to="system" title="System" text="Health of each dependency, the queue, and jobs, credits and failures per day." />
      </Grid>
    </>
  )
}

function HomeCard({ to, title, text }: { to: string; title: string; text: string }) {
  return (
    <Grid size={{ xs: 12, sm: 6, md: 4 }} component="li">
      <Card variant="outlined" sx={{ height: '100%' }}>
        <CardActionArea component={RouterLink} to={`/admin/${to}`} sx={{ height: '100%', alignItems: 'flex-start' }}>
          <CardContent>
            <Typography variant="h6" component="h2">{title}</Typography>
            <Typography variant="body2" color="text.secondary">{text}</Typography>
          </CardContent>
        </CardActionArea>
      </Card>
    </Grid>
  )
}

function describe(r: Resource): string {
  const parts = [`${listFields(r).length} columns`]
  const filters = r.fields.filter((f) => f.filterable).map((f) => f.label.toLowerCase())
  if (filters.length > 0) parts.push(`filter by ${filters.join(', ')}`)
  const actions = [...new Set(r.actions.map((a) => a.label))]
  if (actions.length > 0) parts.push(`actions: ${actions.join(', ')}`)
  return `${parts.join('; ')}.`
}

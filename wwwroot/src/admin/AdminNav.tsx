import { Link as RouterLink, useLocation } from 'react-router-dom'
import Box from '@mui/material/Box'
import Chip from '@mui/material/Chip'
import { useMetadata } from './metadata'

/** The console's sections as a row of links that scrolls sideways on a phone. */
export function AdminNav() {
  const { resources } = useMetadata()
  const section = useLocation().pathname.replace(/^\/admin\/?/, '').split('/')[0]
  const links = [{ to: '', label: 'Overview' }, ...resources.map((r) => ({ to: r.name, label: r.label })), { to: 'system', label: 'System' }]
  return (
    <Box component="nav" aria-label="Admin sections" sx={{ mb: 2, mx: { xs: -1.5, sm: 0 } }}>
      <Box component="ul" sx={{ display: 'flex', gap: 1, listStyle: 'none', m: 0, px: { xs: 1.5, sm: 0 }, py: 0.5, overflowX: 'auto', scrollbarWidth: 'thin' }}>
        {links.map((l) => {
          const current = section === l.to
          return (
            <li key={l.to || 'home'}>
              <Chip component={RouterLink} to={`/admin/${l.to}`} clickable label={l.label} aria-current={current ? 'page' : undefined}
                color={current ? 'primary' : 'default'} variant={current ? 'filled' : 'outlined'} />
            </li>
          )
        })}
      </Box>
    </Box>
  )
}

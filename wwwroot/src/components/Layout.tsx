import { useState } from 'react'
import { Link as RouterLink, Outlet, useLocation, useNavigate } from 'react-router-dom'
import AppBar from '@mui/material/AppBar'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Container from '@mui/material/Container'
import Divider from '@mui/material/Divider'
import Drawer from '@mui/material/Drawer'
import IconButton from '@mui/material/IconButton'
import List from '@mui/material/List'
import ListItemButton from '@mui/material/ListItemButton'
import ListItemIcon from '@mui/material/ListItemIcon'
import ListItemText from '@mui/material/ListItemText'
import Toolbar from '@mui/material/Toolbar'
import Typography from '@mui/material/Typography'
import useMediaQuery from '@mui/material/useMediaQuery'
import { useTheme } from '@mui/material/styles'
import MenuIcon from '@mui/icons-material/Menu'
import DashboardIcon from '@mui/icons-material/Dashboard'
import UploadIcon from '@mui/icons-material/CloudUpload'
import MovieIcon from '@mui/icons-material/Movie'
import CreditCardIcon from '@mui/icons-material/CreditCard'
import CodeIcon from '@mui/icons-material/Code'
import PersonIcon from '@mui/icons-material/Person'
import AdminIcon from '@mui/icons-material/AdminPanelSettings'
import { useAuth } from '../auth'
import { useJobEvents } from '../realtime/jobEvents'

const drawerWidth = 232

const links = [
  { to: '/', label: 'Dashboard', icon: <DashboardIcon /> },
  { to: '/new', label: 'New job', icon: <UploadIcon /> },
  { to: '/jobs', label: 'Jobs', icon: <MovieIcon /> },
  { to: '/billing', label: 'Credits & billing', icon: <CreditCardIcon /> },
  { to: '/developers', label: 'Developers', icon: <CodeIcon /> },
  { to: '/account', label: 'Account', icon: <PersonIcon /> },
]

/** The signed-in frame: a top bar with the balance, and the navigation (a side bar from 900 px, a menu below). */
export function Layout() {
  const { me, isAdmin, signOut, reload } = useAuth()
  // Jobs ending charge or release credits: the balance in the bar follows without a reload.
  useJobEvents((job) => {
    if (job.status !== 'Queued' && job.status !== 'Processing') void reload()
  })
  const theme = useTheme()
  const wide = useMediaQuery(theme.breakpoints.up('md'))
  const [open, setOpen] = useState(false)
  const location = useLocation()
  const navigate = useNavigate()

  const active = (to: string) => (to === '/' ? location.pathname === '/' : location.pathname.startsWith(to))
  const nav = (
    <nav aria-label="Main">
      <Toolbar />
      <List>
        {[...links, ...(isAdmin ? [{ to: '/admin', label: 'Admin console', icon: <AdminIcon /> }] : [])].map((l) => (
          <ListItemButton key={l.to} component={RouterLink} to={l.to} selected={active(l.to)} onClick={() => setOpen(false)}
            aria-current={active(l.to) ? 'page' : undefined}>
            <ListItemIcon>{l.icon}</ListItemIcon>
            <ListItemText primary={l.label} />
          </ListItemButton>
        ))}
      </List>
      <Divider />
      <List>
        <ListItemButton component="a" href="/api/">
          <ListItemText primary="API explorer" secondary="/api" />
        </ListItemButton>
      </List>
    </nav>
  )

  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <AppBar position="fixed" sx={{ zIndex: (t) => t.zIndex.drawer + 1 }}>
        <Toolbar sx={{ gap: 1 }}>
          {!wide && (
            <IconButton color="inherit" edge="start" aria-label="Open navigation" onClick={() => setOpen(true)}>
              <MenuIcon />
            </IconButton>
          )}
          <Typography variant="h6" component={RouterLink} to="/" sx={{ color: 'inherit', textDecoration: 'none', flexGrow: 1, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
            {wide ? 'Video Text Inpainting' : 'VTIS'}
          </Typography>
          {me && (
            <Chip
              component={RouterLink}
              to="/billing"
              clickable
              label={`${me.credits?.available ?? 0} credits`}
              aria-label={`${me.credits?.available ?? 0} credits available`}
              data-testid="balance-chip"
              sx={{ bgcolor: 'rgba(255,255,255,0.16)', color: 'inherit' }}
            />
          )}
          <Button color="inherit" onClick={async () => { await signOut(); navigate('/signin') }}>
            Sign out
          </Button>
        </Toolbar>
      </AppBar>
      {wide ? (
        <Drawer variant="permanent" sx={{ width: drawerWidth, flexShrink: 0, '& .MuiDrawer-paper': { width: drawerWidth, boxSizing: 'border-box' } }}>
          {nav}
        </Drawer>
      ) : (
        <Drawer variant="temporary" open={open} onClose={() => setOpen(false)} ModalProps={{ keepMounted: true }}
          sx={{ '& .MuiDrawer-paper': { width: drawerWidth } }}>
          {nav}
        </Drawer>
      )}
      <Box component="main" sx={{ flexGrow: 1, minWidth: 0 }}>
        <Toolbar />
        <Container maxWidth="lg" sx={{ py: { xs: 2, md: 3 }, px: { xs: 1.5, sm: 3 } }}>
          <Outlet />
        </Container>
      </Box>
    </Box>
  )
}

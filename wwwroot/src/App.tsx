import { lazy, Suspense, type ReactNode } from 'react'
import { Navigate, Route, Routes, useLocation } from 'react-router-dom'
import CircularProgress from '@mui/material/CircularProgress'
import Box from '@mui/material/Box'
import { useAuth } from './auth'
import { Layout } from './components/Layout'
import { AuthPage } from './pages/AuthPage'
import { Dashboard } from './pages/Dashboard'
import { NewJob } from './pages/NewJob'
import { JobsPage } from './pages/JobsPage'
import { JobPage } from './pages/JobPage'
import { BillingPage } from './pages/BillingPage'
import { DevelopersPage } from './pages/DevelopersPage'
import { AccountPage } from './pages/AccountPage'
import { NotFound } from './pages/NotFound'

const AdminRoutes = lazy(() => import('./admin/AdminRoutes'))

export function Loading() {
  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', p: 6 }} role="status" aria-label="Loading">
      <CircularProgress />
    </Box>
  )
}

function SignedIn({ children, admin = false }: { children: ReactNode; admin?: boolean }) {
  const { me, loading, isAdmin } = useAuth()
  const location = useLocation()
  if (loading) return <Loading />
  if (!me) return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} replace />
  if (admin && !isAdmin) return <NotFound message="The admin console is for administrators." />
  return <>{children}</>
}

export function App() {
  return (
    <Routes>
      <Route path="/signin" element={<AuthPage mode="signin" />} />
      <Route path="/signup" element={<AuthPage mode="signup" />} />
      <Route element={<SignedIn><Layout /></SignedIn>}>
        <Route index element={<Dashboard />} />
        <Route path="new" element={<NewJob />} />
        <Route path="jobs" element={<JobsPage />} />
        <Route path="jobs/:id" element={<JobPage />} />
        <Route path="billing" element={<BillingPage />} />
        <Route path="developers" element={<DevelopersPage />} />
        <Route path="account" element={<AccountPage />} />
        <Route
          path="admin/*"
          element={
            <SignedIn admin>
              <Suspense fallback={<Loading />}>
                <AdminRoutes />
              </Suspense>
            </SignedIn>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  )
}

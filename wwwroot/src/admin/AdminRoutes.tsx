import { Link as RouterLink, Route, Routes, useParams } from 'react-router-dom'
import Button from '@mui/material/Button'
import Typography from '@mui/material/Typography'
import { AdminHome } from './AdminHome'
import { AdminNav } from './AdminNav'
import { MetadataProvider, useResource } from './metadata'
import { ResourceDetail } from './ResourceDetail'
import { ResourceList } from './ResourceList'
import { SystemPage } from './SystemPage'

/** The admin console at /admin: generated from GET /api/v1/admin/metadata, so a resource or action added on the
 * server shows up here with no UI code. */
export default function AdminRoutes() {
  return (
    <MetadataProvider>
      <AdminNav />
      <Routes>
        <Route index element={<AdminHome />} />
        <Route path="system" element={<SystemPage />} />
        <Route path=":resource" element={<ListRoute />} />
        <Route path=":resource/:id" element={<DetailRoute />} />
        <Route path="*" element={<Unknown />} />
      </Routes>
    </MetadataProvider>
  )
}

// Keyed by resource (and row), so moving between them starts each view afresh.
function ListRoute() {
  const { resource: name } = useParams()
  const resource = useResource(name)
  return resource ? <ResourceList key={resource.name} resource={resource} /> : <Unknown />
}

function DetailRoute() {
  const { resource: name, id = '' } = useParams()
  const resource = useResource(name)
  return resource ? <ResourceDetail key={`${resource.name}/${id}`} resource={resource} id={id} /> : <Unknown />
}

function Unknown() {
  return (
    <>
      <Typography variant="h4" component="h1" sx={{ mb: 2 }}>Not found</Typography>
      <Typography sx={{ mb: 2 }}>The admin console has no such page.</Typography>
      <Button component={RouterLink} to="/admin" variant="outlined">Admin console</Button>
    </>
  )
}

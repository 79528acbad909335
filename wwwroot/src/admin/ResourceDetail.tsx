import { useCallback, useEffect, useState } from 'react'
import { Link as RouterLink, useLocation } from 'react-router-dom'
import Box from '@mui/material/Box'
import Breadcrumbs from '@mui/material/Breadcrumbs'
import Button from '@mui/material/Button'
import Link from '@mui/material/Link'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { api, call } from '../api/client'
import { ProblemAlert } from '../components/ProblemAlert'
import { useToasts } from '../components/Toasts'
import { Loading } from '../App'
import { ActionDialog } from './ActionDialog'
import { FieldValue, isBlock } from './FieldValue'
import { useMetadata } from './metadata'
import { humanize, isDestructive, rowTitle, type Action, type Field, type Resource, type Row } from './model'

/** One row with every field, links to what it references and to what references it, and its actions. */
export function ResourceDetail({ resource, id }: { resource: Resource; id: string }) {
  const { row, error, reload } = useRow(resource.name, id)
  const toasts = useToasts()
  const [running, setRunning] = useState<{ action: Action; key: number } | null>(null)
  const [open, setOpen] = useState(false)
  const listSearch = useListSearch()

  const title = row ? rowTitle(resource, row) : id
  return (
    <>
      <Breadcrumbs aria-label="Breadcrumb" sx={{ mb: 1 }}>
        <Link component={RouterLink} to="/admin">Admin console</Link>
        <Link component={RouterLink} to={`/admin/${resource.name}${listSearch}`}>{resource.label}</Link>
      </Breadcrumbs>
      <Typography variant="h5" component="h1" sx={{ mb: 2, overflowWrap: 'anywhere' }}>{title}</Typography>
      <ProblemAlert error={error} />
      {!row && !error && <Loading />}
      {row && (
        <>
          {resource.actions.length > 0 && (
            <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1, mb: 2 }} role="group" aria-label="Actions">
              {resource.actions.map((a, i) => (
                <Button key={`${a.name}-${a.label}`} variant="outlined" color={isDestructive(a) ? 'error' : 'primary'}
                  onClick={() => { setRunning({ action: a, key: Date.now() + i }); setOpen(true) }}>
                  {a.label}
                </Button>
              ))}
            </Stack>
          )}
          <Paper variant="outlined" sx={{ p: { xs: 2, md: 3 }, mb: 2 }}>
            <FieldList resource={resource} row={row} />
          </Paper>
          <Related resource={resource} id={id} />
          {running && (
            <ActionDialog key={running.key} action={running.action} row={row} subject={title} open={open}
              onClose={() => setOpen(false)}
              onDone={() => { setOpen(false); toasts.show(`${running.action.label}: done`); reload() }} />
          )}
        </>
      )}
    </>
  )
}

function useRow(resource: string, id: string) {
  const [row, setRow] = useState<Row | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [version, setVersion] = useState(0)
  useEffect(() => {
    let live = true
    call(api.GET('/api/v1/admin/resources/{resource}/{id}', { params: { path: { resource, id } } })).then(
      (data) => { if (live) { setRow(data); setError(null) } },
      (e: unknown) => live && setError(e),
    )
    return () => { live = false }
  }, [resource, id, version])
  const reload = useCallback(() => setVersion((v) => v + 1), [])
  return { row, error, reload }
}

/** The list's query string when we came from it, so "back to the list" keeps its page and filters. */
function useListSearch(): string {
  const state: unknown = useLocation().state
  if (typeof state === 'object' && state !== null && 'list' in state && typeof state.list === 'string') return state.list
  return ''
}

/** A definition list: two columns on wide screens, one on a phone; long values (payloads) span both. */
function FieldList({ resource, row }: { resource: Resource; row: Row }) {
  const known = new Set(resource.fields.map((f) => f.name))
  // Anything the row has beyond the metadata is shown too, as text.
  const extra: Field[] = Object.keys(row).filter((k) => !known.has(k)).map((name) => ({
    name, label: humanize(name), type: 'string', values: null, filterable: false, sortable: false, searchable: false, detailOnly: true, references: null,
  }))
  return (
    <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'repeat(2, minmax(0, 1fr))' }, columnGap: 4, rowGap: 2 }}>
      {[...resource.fields, ...extra].map((f) => {
        const value = row[f.name]
        const wide = typeof value === 'string' && isBlock(value)
        return (
          <Box key={f.name} sx={{ minWidth: 0, gridColumn: wide ? '1 / -1' : undefined }}>
            <Typography component="dt" variant="body2" color="text.secondary">{f.label}</Typography>
            <Typography component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }}><FieldValue field={f} value={value} /></Typography>
          </Box>
        )
      })}
    </Box>
  )
}

/** Lists of other resources filtered to this row: every filterable field elsewhere that references this resource. */
function Related({ resource, id }: { resource: Resource; id: string }) {
  const links = useMetadata().resources.flatMap((other) => {
    const fields = other.fields.filter((f) => f.references === resource.name && f.filterable)
    return fields.map((f) => ({
      key: `${other.name}.${f.name}`,
      label: fields.length > 1 ? `${other.label} (${f.label.toLowerCase()})` : other.label,
      to: `/admin/${other.name}?${new URLSearchParams({ filter: `${f.name}:${id}` })}`,
    }))
  })
  if (links.length === 0) return null
  return (
    <Box component="section" aria-labelledby="related-heading">
      <Typography id="related-heading" variant="h6" component="h2" sx={{ mb: 1 }}>Related</Typography>
      <Stack direction="row" component="ul" sx={{ flexWrap: 'wrap', gap: 1, listStyle: 'none', p: 0, m: 0 }}>
        {links.map((l) => (
          <li key={l.key}><Button component={RouterLink} to={l.to} size="small" variant="text">{l.label}</Button></li>
        ))}
      </Stack>
    </Box>
  )
}

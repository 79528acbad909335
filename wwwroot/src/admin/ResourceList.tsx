import { useEffect, useRef, useState, type MouseEvent } from 'react'
import { Link as RouterLink, useLocation, useNavigate } from 'react-router-dom'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import Link from '@mui/material/Link'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TablePagination from '@mui/material/TablePagination'
import TableRow from '@mui/material/TableRow'
import TableSortLabel from '@mui/material/TableSortLabel'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import DownloadIcon from '@mui/icons-material/Download'
import { api, call } from '../api/client'
import { ProblemAlert } from '../components/ProblemAlert'
import { useToasts } from '../components/Toasts'
import { Loading } from '../App'
import { FieldValue, isNumeric } from './FieldValue'
import { ListFilters } from './ListFilters'
import { apiQuery, pageSizes, useListQuery, type ListQuery } from './listQuery'
import { canSort, detailPath, listFields, lowerLabel, rowId, type Field, type Resource, type Row } from './model'

interface Page {
  rows: Row[]
  total: number
}

/** Any resource's rows as a table: paged, sorted, searched and filtered on the server, the state in the URL. */
export function ResourceList({ resource }: { resource: Resource }) {
  const [query, update] = useListQuery()
  const { page, error, loading } = useRows(resource, query)
  const columns = listFields(resource)
  const filterable = resource.fields.filter((f) => f.filterable)
  const searchable = resource.fields.filter((f) => f.searchable)
  const narrowed = query.search !== '' || Object.keys(query.filters).length > 0

  return (
    <>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', gap: 1, mb: 2 }}>
        <Typography variant="h4" component="h1">{resource.label}</Typography>
        <ExportButton resource={resource} query={query} />
      </Stack>
      <Stack spacing={1.5} sx={{ mb: 2 }}>
        {searchable.length > 0 && (
          <SearchBox value={query.search} hint={searchable.map((f) => f.label).join(', ')} onChange={(search) => update({ search })} />
        )}
        {filterable.length > 0 && (
          <ListFilters fields={filterable} values={query.filters} onChange={(field, value) => update({ filter: { field, value } })} />
        )}
      </Stack>
      <ProblemAlert error={error} />
      {!page && loading ? <Loading /> : page && (
        <Paper variant="outlined" sx={{ minWidth: 0 }}>
          <Box sx={{ height: 4 }}>{loading && <LinearProgress aria-label={`Loading ${lowerLabel(resource.label)}`} />}</Box>
          <TableContainer>
            <Table size="small" data-testid="resource-table" aria-label={resource.label}>
              <TableHead>
                <TableRow>
                  {columns.map((f) => <HeaderCell key={f.name} resource={resource} field={f} query={query}
                    onSort={(desc) => update({ sort: { field: f.name, desc } })} />)}
                </TableRow>
              </TableHead>
              <TableBody>
                {page.rows.map((row, i) => <ListRow key={rowId(resource, row) || i} resource={resource} columns={columns} row={row} />)}
              </TableBody>
            </Table>
          </TableContainer>
          {page.rows.length === 0 && (
            <Box sx={{ p: 4, textAlign: 'center' }}>
              <Typography sx={{ mb: narrowed ? 1 : 0 }}>No {lowerLabel(resource.label)} match</Typography>
              {narrowed && <Button onClick={() => update({ clear: true })}>Clear search and filters</Button>}
            </Box>
          )}
          <TablePagination component="div" count={page.total} rowsPerPageOptions={pageSizes} rowsPerPage={query.pageSize}
            page={Math.max(0, Math.min(query.page - 1, Math.ceil(page.total / query.pageSize) - 1))}
            onPageChange={(_, p) => update({ page: p + 1 })}
            onRowsPerPageChange={(e) => update({ pageSize: Number(e.target.value) })}
            sx={{ '& .MuiTablePagination-toolbar': { flexWrap: 'wrap', justifyContent: 'flex-end', px: { xs: 1, sm: 2 } },
              '& .MuiTablePagination-spacer': { display: { xs: 'none', sm: 'block' } } }} />
        </Paper>
      )}
    </>
  )
}

/** The page the URL asks for; the previous page stays on screen while the next loads. */
function useRows(resource: Resource, query: ListQuery) {
  const [state, setState] = useState<{ page?: Page; error?: unknown; loading: boolean }>({ loading: true })
  const key = JSON.stringify(query)
  useEffect(() => {
    let live = true
    setState((s) => ({ page: s.page, loading: true }))
    call(api.GET('/api/v1/admin/resources/{resource}', {
      params: { path: { resource: resource.name }, query: { ...apiQuery(query), page: query.page, pageSize: query.pageSize } },
    })).then(
      (data) => live && setState({ page: { rows: data.items ?? [], total: data.total ?? 0 }, loading: false }),
      (error: unknown) => live && setState((s) => ({ page: s.page, error, loading: false })),
    )
    return () => { live = false }
  }, [resource.name, key]) // `key` stands for `query`, a new object on every render
  return state
}

function HeaderCell({ resource, field, query, onSort }: { resource: Resource; field: Field; query: ListQuery; onSort: (desc: boolean) => void }) {
  // With no sort asked for, the server orders by the default field, newest first.
  const active = (query.sort ?? resource.defaultSort) === field.name
  const desc = query.sort ? query.desc : true
  const align = isNumeric(field) ? 'right' : 'left'
  if (!canSort(resource, field)) return <TableCell align={align} sx={{ whiteSpace: 'nowrap' }}>{field.label}</TableCell>
  return (
    <TableCell align={align} sortDirection={active ? (desc ? 'desc' : 'asc') : false} sx={{ whiteSpace: 'nowrap' }}>
      <TableSortLabel active={active} direction={active && desc ? 'desc' : 'asc'} onClick={() => onSort(active ? !desc : false)}>
        {field.label}
      </TableSortLabel>
    </TableCell>
  )
}

/** The whole row opens the detail view; the first cell holds a real link for the keyboard, new tabs and screen readers. */
function ListRow({ resource, columns, row }: { resource: Resource; columns: Field[]; row: Row }) {
  const navigate = useNavigate()
  const location = useLocation()
  const id = rowId(resource, row)
  const to = detailPath(resource.name, id)
  const state = { list: location.search }
  const open = (e: MouseEvent<HTMLTableRowElement>) => {
    if (e.target instanceof Element && e.target.closest('a, button, input')) return
    if (window.getSelection()?.toString()) return // selecting text to copy, not opening
    navigate(to, { state })
  }
  return (
    <TableRow hover onClick={open} sx={{ cursor: 'pointer' }}>
      {columns.map((f, i) => (
        <TableCell key={f.name} align={isNumeric(f) ? 'right' : 'left'} sx={{ maxWidth: 360 }}>
          {i === 0 ? (
            <Link component={RouterLink} to={to} state={state} title={id}
              sx={{ fontFamily: f.type === 'guid' ? 'monospace' : undefined, display: 'inline-block', maxWidth: '12ch', overflow: 'hidden',
                textOverflow: 'ellipsis', whiteSpace: 'nowrap', verticalAlign: 'bottom' }}>
              {String(row[f.name] ?? id) || 'Open'}
            </Link>
          ) : (
            <FieldValue field={f} value={row[f.name]} cell />
          )}
        </TableCell>
      ))}
    </TableRow>
  )
}

/** Debounced: the URL (and so the request) changes 300 ms after the last key. */
function SearchBox({ value, hint, onChange }: { value: string; hint: string; onChange: (v: string) => void }) {
  const [text, setText] = useState(value)
  const latest = useRef(onChange)
  useEffect(() => { latest.current = onChange }, [onChange])
  useEffect(() => setText(value), [value]) // back/forward
  useEffect(() => {
    if (text.trim() === value) return
    const timer = setTimeout(() => latest.current(text), 300)
    return () => clearTimeout(timer)
  }, [text, value])
  return (
    <TextField type="search" label="Search" size="small" margin="none" value={text} onChange={(e) => setText(e.target.value)}
      helperText={`Searches ${hint.toLowerCase()}`} sx={{ maxWidth: { md: 480 } }} />
  )
}

/** The server answers the CSV in JSON; it is saved as a file through an object URL. */
function ExportButton({ resource, query }: { resource: Resource; query: ListQuery }) {
  const toasts = useToasts()
  const [busy, setBusy] = useState(false)
  async function exportCsv() {
    setBusy(true)
    try {
      const file = await call(api.GET('/api/v1/admin/resources/{resource}/export', {
        params: { path: { resource: resource.name }, query: apiQuery(query) },
      }))
      const url = URL.createObjectURL(new Blob([file.csv ?? ''], { type: 'text/csv;charset=utf-8' }))
      const a = document.createElement('a')
      a.href = url
      a.download = file.fileName || `${resource.name}.csv`
      document.body.appendChild(a)
      a.click()
      a.remove()
      setTimeout(() => URL.revokeObjectURL(url), 1000)
      toasts.show(`Exported ${file.rows ?? 0} rows`)
    } catch (error) {
      toasts.problem(error)
    } finally {
      setBusy(false)
    }
  }
  return <Button variant="outlined" startIcon={<DownloadIcon />} loading={busy} loadingPosition="start" onClick={exportCsv}>Export CSV</Button>
}

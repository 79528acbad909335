import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router-dom'

export const pageSizes = [10, 25, 50, 100]
const defaultPageSize = 25

/** A list's state, all of it in the URL (?page=2&pageSize=50&sort=email&desc=true&search=x&filter=kind:Grant). */
export interface ListQuery {
  page: number
  pageSize: number
  sort?: string
  desc: boolean
  search: string
  /** field -> value */
  filters: Record<string, string>
}

export interface ListChange {
  page?: number
  pageSize?: number
  sort?: { field: string; desc: boolean }
  search?: string
  filter?: { field: string; value: string }
  clear?: boolean
}

export function useListQuery(): [ListQuery, (change: ListChange, replace?: boolean) => void] {
  const [params, setParams] = useSearchParams()
  const query = useMemo(() => parse(params), [params])
  const update = useCallback((change: ListChange, replace = false) => {
    setParams((current) => apply(current, change), { replace })
  }, [setParams])
  return [query, update]
}

function parse(params: URLSearchParams): ListQuery {
  const page = Number(params.get('page'))
  const size = Number(params.get('pageSize'))
  const filters: Record<string, string> = {}
  for (const f of params.getAll('filter')) {
    const colon = f.indexOf(':')
    if (colon > 0) filters[f.slice(0, colon)] = f.slice(colon + 1)
  }
  return {
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: pageSizes.includes(size) ? size : defaultPageSize,
    sort: params.get('sort') || undefined,
    desc: params.get('desc') === 'true',
    search: params.get('search') ?? '',
    filters,
  }
}

/** The next URL query; anything but a page change goes back to page 1. */
function apply(current: URLSearchParams, change: ListChange): URLSearchParams {
  const next = new URLSearchParams(change.clear ? undefined : current)
  if (change.clear) {
    for (const key of ['sort', 'desc', 'pageSize']) {
      const value = current.get(key)
      if (value) next.set(key, value)
    }
  }
  if (change.page === undefined) next.delete('page')
  else if (change.page > 1) next.set('page', String(change.page))
  else next.delete('page')
  if (change.pageSize !== undefined) setOrDelete(next, 'pageSize', change.pageSize === defaultPageSize ? '' : String(change.pageSize))
  if (change.sort) {
    next.set('sort', change.sort.field)
    setOrDelete(next, 'desc', change.sort.desc ? 'true' : '')
  }
  if (change.search !== undefined) setOrDelete(next, 'search', change.search.trim())
  if (change.filter) {
    const { field, value } = change.filter
    const others = next.getAll('filter').filter((f) => !f.startsWith(`${field}:`))
    next.delete('filter')
    for (const f of others) next.append('filter', f)
    if (value !== '') next.append('filter', `${field}:${value}`)
  }
  return next
}

function setOrDelete(params: URLSearchParams, key: string, value: string) {
  if (value) params.set(key, value)
  else params.delete(key)
}

/** The query parameters of the list and export endpoints. */
export function apiQuery(q: ListQuery) {
  const filter = Object.entries(q.filters).map(([field, value]) => `${field}:${value}`)
  return {
    sort: q.sort,
    desc: q.sort ? q.desc : undefined,
    search: q.search || undefined,
    filter: filter.length > 0 ? filter : undefined,
  }
}

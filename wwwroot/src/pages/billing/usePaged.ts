import { useCallback, useEffect, useState } from 'react'

export interface Page<T> {
  items: T[]
  total: number
}

/** One page of a server-paged list (page numbers 0-based, as TablePagination counts). `load` must be stable. A failed
 * reload keeps the rows already shown and reports the error next to them. */
export function usePaged<T>(load: (page: number, pageSize: number) => Promise<Page<T>>, initialPageSize = 20) {
  const [page, setPage] = useState(0)
  const [pageSize, setPageSizeState] = useState(initialPageSize)
  const [data, setData] = useState<Page<T> | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [version, setVersion] = useState(0)

  useEffect(() => {
    let live = true
    load(page + 1, pageSize).then(
      (result) => {
        if (!live) return
        setData(result)
        setError(null)
      },
      (e: unknown) => {
        if (live) setError(e)
      },
    )
    return () => {
      live = false
    }
  }, [load, page, pageSize, version])

  const reload = useCallback(() => setVersion((v) => v + 1), [])
  const setPageSize = useCallback((size: number) => {
    setPageSizeState(size)
    setPage(0)
  }, [])

  return { data, error, page, pageSize, setPage, setPageSize, reload }
}

export type Paged<T> = ReturnType<typeof usePaged<T>>

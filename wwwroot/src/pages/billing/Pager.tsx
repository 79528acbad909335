import TablePagination from '@mui/material/TablePagination'
import type { Paged } from './usePaged'

/** Page controls under a table; wraps on narrow screens instead of widening the page. */
export function Pager<T>({ paged, label }: { paged: Paged<T>; label: string }) {
  const total = paged.data?.total ?? 0
  if (total <= paged.pageSize && paged.page === 0) return null
  return (
    <TablePagination
      component="div"
      count={total}
      page={paged.page}
      rowsPerPage={paged.pageSize}
      rowsPerPageOptions={[10, 20, 50, 100]}
      onPageChange={(_, page) => paged.setPage(page)}
      onRowsPerPageChange={(e) => paged.setPageSize(Number(e.target.value))}
      aria-label={`${label} pages`}
      sx={{ '& .MuiTablePagination-toolbar': { flexWrap: 'wrap', px: 1 } }}
    />
  )
}

import { Link as RouterLink } from 'react-router-dom'
import Box from '@mui/material/Box'
import Chip from '@mui/material/Chip'
import Link from '@mui/material/Link'
import { dateTime } from '../format'
import { detailPath, type Field } from './model'

const longText = 80

export const isNumeric = (f: Field) => f.type === 'integer' || f.type === 'number'

/** Text of a value for titles, tables and CSV-like places. */
export function plain(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}

/** A field's value by its type: dates in the user's locale, booleans as chips, ids linked to what they reference;
 * in a table cell long text is cut (the whole text stays in the title). */
export function FieldValue({ field, value, cell = false }: { field: Field; value: unknown; cell?: boolean }) {
  if (value === null || value === undefined || value === '') return <>—</>
  if (field.type === 'datetime' && typeof value === 'string') return <DateTime iso={value} />
  if (field.type === 'boolean' || typeof value === 'boolean') {
    return <Chip size="small" label={value ? 'Yes' : 'No'} color={value ? 'success' : 'default'} variant={value ? 'filled' : 'outlined'} />
  }
  if (field.references && (typeof value === 'string' || typeof value === 'number')) {
    return (
      <Link component={RouterLink} to={detailPath(field.references, String(value))} sx={cell ? cut : mono}>
        {String(value)}
      </Link>
    )
  }
  if (typeof value === 'number') return <>{isNumeric(field) ? value.toLocaleString() : String(value)}</>
  if (field.type === 'guid') return <Box component="span" sx={cell ? cut : mono} title={String(value)}>{String(value)}</Box>
  if (field.type === 'enum') return <Chip size="small" variant="outlined" label={String(value)} />

  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2)
  if (cell) return text.length > longText ? <span title={text}>{text.slice(0, longText - 1)}…</span> : <>{text}</>
  return isBlock(text) ? <Pre text={pretty(text)} /> : <span style={{ overflowWrap: 'anywhere' }}>{text}</span>
}

/** Payloads and multi-line text get a scrollable block of their own (spanning both columns of the detail view). */
export const isBlock = (text: string) => text.includes('\n') || /^\s*[[{]/.test(text) || text.length > 300

/** The date and the time each on one line: a narrow column breaks between them, never inside. */
function DateTime({ iso }: { iso: string }) {
  const text = dateTime(iso)
  const comma = text.indexOf(', ')
  if (comma < 0) return <span style={{ whiteSpace: 'nowrap' }}>{text}</span>
  return <><span style={{ whiteSpace: 'nowrap' }}>{text.slice(0, comma + 1)}</span> <span style={{ whiteSpace: 'nowrap' }}>{text.slice(comma + 2)}</span></>
}

const mono = { fontFamily: 'monospace', fontSize: '0.85em', overflowWrap: 'anywhere' } as const
// Ids in a table: one line, cut to about a short id's width; the full id stays in the DOM for copy and search.
const cut = { ...mono, display: 'inline-block', maxWidth: '11ch', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', verticalAlign: 'bottom' } as const

/** JSON payloads (webhook bodies, Stripe events) indented; other text as it is. */
function pretty(text: string): string {
  const trimmed = text.trim()
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return text
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2)
  } catch {
    return text
  }
}

function Pre({ text }: { text: string }) {
  return (
    <Box component="pre" tabIndex={0} sx={{ m: 0, p: 1, bgcolor: 'action.hover', borderRadius: 1, maxHeight: 360, overflow: 'auto',
      whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontSize: 13 }}>
      {text}
    </Box>
  )
}

import { useEffect, useState } from 'react'
import Grid from '@mui/material/Grid'
import TextField from '@mui/material/TextField'
import type { Field } from './model'

interface Props {
  fields: Field[]
  values: Record<string, string>
  onChange: (field: string, value: string) => void
}

/** A control per filterable field: a select for enums and booleans, a text box (applied on Enter or leaving it) otherwise. */
export function ListFilters({ fields, values, onChange }: Props) {
  return (
    <Grid container spacing={1.5} component="fieldset" aria-label="Filters" sx={{ border: 0, p: 0, m: 0, minWidth: 0 }}>
      {fields.map((f) => (
        <Grid key={f.name} size={{ xs: 12, sm: 6, md: 4, lg: 3 }}>
          {f.values || f.type === 'boolean' ? (
            <SelectFilter field={f} value={values[f.name] ?? ''} onChange={(v) => onChange(f.name, v)} />
          ) : (
            <TextFilter field={f} value={values[f.name] ?? ''} onChange={(v) => onChange(f.name, v)} />
          )}
        </Grid>
      ))}
    </Grid>
  )
}

function SelectFilter({ field, value, onChange }: { field: Field; value: string; onChange: (v: string) => void }) {
  const options = field.values ?? ['true', 'false']
  return (
    <TextField select size="small" margin="none" label={field.label} value={value} onChange={(e) => onChange(e.target.value)}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}>
      <option value="">Any</option>
      {options.map((o) => <option key={o} value={o}>{field.type === 'boolean' ? (o === 'true' ? 'Yes' : 'No') : o}</option>)}
    </TextField>
  )
}

function TextFilter({ field, value, onChange }: { field: Field; value: string; onChange: (v: string) => void }) {
  const [text, setText] = useState(value)
  useEffect(() => setText(value), [value]) // back/forward changes the URL under it
  const commit = () => { if (text.trim() !== value) onChange(text.trim()) }
  return (
    <TextField size="small" margin="none" label={field.label} value={text} onChange={(e) => setText(e.target.value)} onBlur={commit}
      onKeyDown={(e) => { if (e.key === 'Enter') commit() }} helperText={field.type === 'guid' ? 'Exact id; Enter applies' : 'Exact value; Enter applies'}
      slotProps={{ htmlInput: { spellCheck: false } }} />
  )
}

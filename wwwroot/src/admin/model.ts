import type { components } from '../api/schema'
import type { AdminActionInfo, AdminFieldInfo, AdminInputInfo, AdminResourceInfo } from '../api/types'

type S = components['schemas']

/** A row as the server sends it: camelCase field -> JSON value. */
export type Row = Record<string, unknown>

export type Field = AdminFieldInfo

/** An action input; `label` and `description` are read when the server sends them, else derived from the name. */
export type Input = AdminInputInfo & { label: string; description: string | null }

export type Action = Omit<AdminActionInfo, 'inputs' | 'values' | 'description'> & {
  inputs: Input[]
  values: Record<string, unknown>
  description: string | null
}

export type Resource = Omit<AdminResourceInfo, 'fields' | 'actions'> & { fields: Field[]; actions: Action[] }

export interface Metadata {
  resources: Resource[]
}

/** The document marks every property optional; fill in the server's own defaults once, so views need no checks. */
export function normalizeMetadata(raw: S['AdminMetadata']): Metadata {
  return { resources: (raw.resources ?? []).map(normalizeResource) }
}

function normalizeResource(r: S['AdminResourceInfo']): Resource {
  return {
    name: r.name ?? '',
    label: r.label ?? humanize(r.name ?? ''),
    idField: r.idField ?? 'id',
    defaultSort: r.defaultSort ?? '',
    fields: (r.fields ?? []).map((f) => ({
      name: f.name ?? '',
      label: f.label ?? humanize(f.name ?? ''),
      type: f.type ?? 'string',
      values: f.values ?? null,
      filterable: f.filterable ?? false,
      sortable: f.sortable ?? false,
      searchable: f.searchable ?? false,
      detailOnly: f.detailOnly ?? false,
      references: f.references ?? null,
    })),
    actions: (r.actions ?? []).map(normalizeAction),
  }
}

export function normalizeAction(a: S['AdminActionInfo']): Action {
  return {
    name: a.name ?? '',
    label: a.label ?? humanize(a.name ?? ''),
    method: (a.method ?? 'POST').toUpperCase(),
    route: a.route ?? '',
    rowValues: a.rowValues ?? {},
    values: a.values ?? {},
    confirm: a.confirm ?? false,
    description: a.description ?? null,
    inputs: (a.inputs ?? []).map(normalizeInput),
  }
}

function normalizeInput(i: S['AdminInputInfo']): Input {
  // Not in the schema (yet): taken if a newer server sends them.
  const extra = i as { label?: unknown; description?: unknown }
  const name = i.name ?? ''
  return {
    name,
    type: i.type ?? 'string',
    required: i.required ?? false,
    minimum: i.minimum ?? null,
    maximum: i.maximum ?? null,
    maxLength: i.maxLength ?? null,
    minLength: i.minLength ?? null,
    values: i.values ?? null,
    label: typeof extra.label === 'string' ? extra.label : humanize(name),
    description: typeof extra.description === 'string' ? extra.description : null,
  }
}

/** `accountId` -> `Account id`. */
export function humanize(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** "Users" -> "users", "Stripe events" -> "stripe events", "GhostCut callbacks" stays. */
export function lowerLabel(label: string): string {
  const first = label.split(' ')[0]
  return first.slice(1) === first.slice(1).toLowerCase() ? label.charAt(0).toLowerCase() + label.slice(1) : label
}

export const listFields = (r: Resource) => r.fields.filter((f) => !f.detailOnly)

/** Fields the server sorts by: those marked sortable, and the default order's field. */
export const canSort = (r: Resource, f: Field) => f.sortable || f.name === r.defaultSort

export const rowId = (r: Resource, row: Row) => String(row[r.idField] ?? '')

export const detailPath = (resource: string, id: string) => `/admin/${resource}/${encodeURIComponent(id)}`

/** A human name for a row: its first text field that is both searched and sorted by (email, name), else its id. */
export function rowTitle(r: Resource, row: Row): string {
  const named = r.fields.find((f) => f.name !== r.idField && f.type === 'string' && f.searchable && f.sortable)
  const value = named ? row[named.name] : undefined
  return typeof value === 'string' && value.length > 0 && value.length <= 120 ? value : rowId(r, row)
}

/** The action's route with `{parameters}` filled from the row fields the metadata names. */
export function fillRoute(action: Action, row: Row): string {
  return action.route.replace(/\{(\w+)\??\}/g, (_, param: string) => {
    const field = action.rowValues[param] ?? param
    const value = row[field]
    if (value === null || value === undefined || value === '') throw new Error(`This row has no ${humanize(field).toLowerCase()} for the action's route.`)
    return encodeURIComponent(String(value))
  })
}

/** Actions that take something away ask the operator to confirm: flagged by the server, or named so. */
export function isDestructive(action: Action): boolean {
  return action.confirm || action.method === 'DELETE' || /\b(cancel|disable|deduct|delete|remove|revoke|refund)\b/i.test(action.label)
}

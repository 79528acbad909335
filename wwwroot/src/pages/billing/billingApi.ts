import { api, call } from '../../api/client'
import { ApiProblem } from '../../api/problem'
import type { CreditPack, LedgerEntry, PurchaseView } from '../../api/types'
import type { Page } from './usePaged'

/** The server's answer when it has no Stripe keys: every billing operation but the purchase list answers it. */
export const isBillingOff = (e: unknown) => e instanceof ApiProblem && e.status === 503 && e.type.endsWith('/billing-disabled')

export async function loadPacks(): Promise<CreditPack[]> {
  const list = await call(api.GET('/api/v1/billing/packs'))
  return (list.packs ?? []) as CreditPack[]
}

export async function loadPurchases(page: number, pageSize: number): Promise<Page<PurchaseView>> {
  const result = await call(api.GET('/api/v1/billing/purchases', { params: { query: { page, pageSize } } }))
  return { items: (result.items ?? []) as PurchaseView[], total: result.total ?? 0 }
}

export async function loadLedger(page: number, pageSize: number): Promise<Page<LedgerEntry>> {
  const result = await call(api.GET('/api/v1/credits/ledger', { params: { query: { page, pageSize } } }))
  return { items: (result.items ?? []) as LedgerEntry[], total: result.total ?? 0 }
}

/** A fresh Idempotency-Key. crypto.randomUUID exists only in secure contexts (https, localhost). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')
}

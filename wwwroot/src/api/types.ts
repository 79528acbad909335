import type { components } from './schema'
import type { Full } from './client'

type S = components['schemas']

export type JobInfo = Full<S['JobInfo']>
export type JobStatus = S['JobStatus']
export type UploadInfo = Full<S['UploadInfo']>
export type CreditBalance = Full<S['CreditBalance']>
export type Me = Full<S['MeResponse']>
export type CleanRegion = S['CleanRegion']
export type ProcessingConfig = S['ProcessingConfig']
export type CreditPack = Full<S['CreditPack']>
export type PurchaseView = Full<S['PurchaseView']>
export type LedgerEntry = Full<S['LedgerEntry']>
export type ApiKeyInfo = Full<S['ApiKeyInfo']>
export type WebhookEndpointInfo = Full<S['WebhookEndpointInfo']>
export type WebhookDeliveryInfo = Full<S['WebhookDeliveryInfo']>
export type AdminMetadata = Full<S['AdminMetadata']>
export type AdminResourceInfo = Full<S['AdminResourceInfo']>
export type AdminFieldInfo = Full<S['AdminFieldInfo']>
export type AdminActionInfo = Full<S['AdminActionInfo']>
export type AdminInputInfo = Full<S['AdminInputInfo']>
export type SystemStatus = Full<S['SystemStatus']>

/** Event types an endpoint can subscribe to (the server's WebhookEventTypes.All). */
export const webhookEventTypes = ['job.completed', 'job.failed', 'job.cancelled', 'job.progress', 'credits.low', 'purchase.completed'] as const
export type MediaInfo = Full<S['MediaInfo']>
export type JobEventInfo = Full<S['JobEventInfo']>
export type JobMedia = Full<S['JobMedia']>
export type MediaInfoSummary = Full<S['MediaInfoSummary']>

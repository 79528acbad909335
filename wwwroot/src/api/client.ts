import createClient, { type Middleware } from 'openapi-fetch'
import type { paths } from './schema'
import { ApiProblem } from './problem'
import { accessToken } from './session'

const retries = new WeakMap<Request, Request>()

/** Bearer token on every call; a 401 refreshes the session once and repeats the call. */
const auth: Middleware = {
  async onRequest({ request }) {
    const token = await accessToken()
    if (token) request.headers.set('Authorization', `Bearer ${token}`)
    retries.set(request, request.clone())
    return request
  },
  async onResponse({ request, response }) {
    if (response.status !== 401) return response
    const copy = retries.get(request)
    const token = copy && (await accessToken(true))
    if (!copy || !token) return response
    copy.headers.set('Authorization', `Bearer ${token}`)
    return fetch(copy)
  },
}

/** The typed API: paths, bodies and answers come from the OpenAPI document (src/api/schema.d.ts, generated). */
export const api = createClient<paths>({ baseUrl: '' })
api.use(auth)

/** The answer's data, or the problem thrown. */
export async function call<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response }
  try {
    result = await pending
  } catch (error) {
    throw new ApiProblem(0, { title: 'The service cannot be reached', detail: error instanceof Error ? error.message : undefined })
  }
  if (result.response.ok) return result.data as T
  throw new ApiProblem(result.response.status, (result.error ?? undefined) as Record<string, unknown> | undefined)
}

/** Every property present: the server always sends them (the document marks them optional). */
export type Full<T> = { [K in keyof T]-?: Exclude<T[K], undefined> }

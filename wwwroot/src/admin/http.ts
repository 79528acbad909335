import { ApiProblem } from '../api/problem'
import { accessToken } from '../api/session'

const withoutBody = ['GET', 'HEAD', 'DELETE']

/**
 * Sends a request to a route only known at run time (an action from the metadata), so the typed client cannot
 * be used: JSON in and out, the bearer token added (refreshed once on a 401), failures thrown as ApiProblem.
 */
export async function send(method: string, url: string, body: Record<string, unknown> = {}): Promise<unknown> {
  const verb = method.toUpperCase()
  const hasBody = !withoutBody.includes(verb)
  const target = hasBody ? url : withQuery(url, body)
  const attempt = async (refresh: boolean) => {
    const token = await accessToken(refresh)
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (token) headers.Authorization = `Bearer ${token}`
    if (hasBody) headers['Content-Type'] = 'application/json'
    return fetch(target, { method: verb, headers, body: hasBody ? JSON.stringify(body) : undefined })
  }

  let response: Response
  try {
    response = await attempt(false)
    if (response.status === 401) response = await attempt(true)
  } catch (error) {
    throw new ApiProblem(0, { title: 'The service cannot be reached', detail: error instanceof Error ? error.message : undefined })
  }
  if (!response.ok) throw await ApiProblem.fromResponse(response)
  const text = response.status === 204 ? '' : await response.text()
  try {
    return text ? (JSON.parse(text) as unknown) : undefined
  } catch {
    return text
  }
}

function withQuery(url: string, values: Record<string, unknown>): string {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== null) query.append(key, String(value))
  const text = query.toString()
  return text ? `${url}${url.includes('?') ? '&' : '?'}${text}` : url
}

/** An RFC 7807 problem the API answered, or a network failure dressed as one (status 0). */
export class ApiProblem extends Error {
  readonly status: number
  readonly type: string
  readonly title: string
  readonly detail?: string
  readonly errors: Record<string, string[]>
  readonly correlationId?: string
  readonly extensions: Record<string, unknown>

  constructor(status: number, body: Record<string, unknown> | undefined) {
    const title = typeof body?.title === 'string' ? body.title : status === 0 ? 'The service cannot be reached' : `Request failed (${status})`
    const detail = typeof body?.detail === 'string' ? body.detail : undefined
    super(detail ?? title)
    this.status = status
    this.type = typeof body?.type === 'string' ? body.type : 'about:blank'
    this.title = title
    this.detail = detail
    this.errors = isErrors(body?.errors) ? body.errors : {}
    this.correlationId = typeof body?.correlationId === 'string' ? body.correlationId : undefined
    this.extensions = body ?? {}
  }

  /** The message for one form field (camelCase, as the server names it), if the problem names it. */
  fieldError(field: string): string | undefined {
    const key = Object.keys(this.errors).find((k) => k.toLowerCase() === field.toLowerCase())
    return key ? this.errors[key].join(' ') : undefined
  }

  /** Errors that belong to no field shown by the form. */
  otherErrors(shown: string[]): string[] {
    const lower = shown.map((s) => s.toLowerCase())
    return Object.entries(this.errors)
      .filter(([k]) => !lower.includes(k.toLowerCase()))
      .flatMap(([, v]) => v)
  }

  static async fromResponse(response: Response): Promise<ApiProblem> {
    let body: Record<string, unknown> | undefined
    try {
      const text = await response.text()
      body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined
    } catch {
      body = undefined
    }
    return new ApiProblem(response.status, body)
  }
}

function isErrors(value: unknown): value is Record<string, string[]> {
  return typeof value === 'object' && value !== null && Object.values(value).every((v) => Array.isArray(v))
}

/** Any thrown value as a problem, so the UI shows every failure the same way. */
export function asProblem(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error
  if (error instanceof Error) return new ApiProblem(0, { title: error.message })
  return new ApiProblem(0, undefined)
}

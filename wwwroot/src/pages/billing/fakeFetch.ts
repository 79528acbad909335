/** Test support, imported before anything that imports the API client: openapi-fetch keeps the fetch and Request it
 * finds when the client is created, and Node's Request refuses relative URLs. Tests set `fakeFetch.handler`. */
export const fakeFetch: { handler: (request: Request) => Promise<Response> } = {
  handler: async () => new Response(null, { status: 500 }),
}

const NodeRequest = globalThis.Request
globalThis.Request = class extends NodeRequest {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(typeof input === 'string' ? new URL(input, 'http://localhost') : input, init)
  }
} as typeof Request
globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) =>
  fakeFetch.handler(input instanceof Request && !init ? input : new Request(input, init))

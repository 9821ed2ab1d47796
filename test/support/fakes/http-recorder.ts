import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'

/**
 * A real HTTP server on loopback that records every request it gets (method, path, query,
 * headers, raw body, arrival time) and answers from a queue of scripted responses, then from a
 * handler (default: 200 with an empty JSON object). Webhook receivers for the notify tests.
 */

export interface RecordedRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: Record<string, string>
  body: string
  /** performance.now() when the request had fully arrived. */
  at: number
  json<T = unknown>(): T
}

export interface ScriptedResponse {
  status: number
  headers?: Record<string, string>
  body?: string | object
}

export type Handler = (request: RecordedRequest) => ScriptedResponse | Promise<ScriptedResponse>

export interface Recorder {
  url: string
  port: number
  requests: RecordedRequest[]
  /** Answers the next requests with these, in order, before falling back to the handler. */
  enqueue(...responses: ScriptedResponse[]): void
  setHandler(handler: Handler): void
  reset(): void
  stop(): Promise<void>
}

export async function startRecorder(handler: Handler = () => ({ status: 200, body: {} })): Promise<Recorder> {
  const requests: RecordedRequest[] = []
  const queue: ScriptedResponse[] = []
  let current = handler
  const answerRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const body = Buffer.concat(chunks).toString('utf8')
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')])),
      body,
      at: performance.now(),
      json: <T>() => JSON.parse(body) as T
    }
    requests.push(recorded)
    let answer: ScriptedResponse
    try {
      answer = queue.shift() ?? (await current(recorded))
    } catch (error) {
      answer = { status: 500, body: { message: String(error) } }
    }
    const payload = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)
    const headers: Record<string, string> = { ...(typeof answer.body === 'object' ? { 'content-type': 'application/json; charset=utf-8' } : {}), ...answer.headers }
    res.writeHead(answer.status, headers)
    res.end(payload)
  }
  const server: Server = createServer((req, res) => void answerRequest(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    enqueue: (...responses) => queue.push(...responses),
    setHandler: (h) => (current = h),
    reset: () => {
      requests.length = 0
      queue.length = 0
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

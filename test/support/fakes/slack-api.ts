import { startRecorder, type RecordedRequest, type Recorder } from './http-recorder.js'

/**
 * A fake Slack at HTTP level, shaped after Slack's reference:
 * - incoming webhooks: POST /services/T…/B…/X… with a JSON body → 200 "ok" (400 "invalid_blocks"
 *   when blocks are missing);
 * - Web API: POST /api/chat.postMessage and /api/chat.update, form-encoded as @slack/web-api
 *   sends them (JSON values such as blocks and attachments are JSON strings), token in
 *   `Authorization: Bearer`. postMessage answers {ok, channel, ts, message}; update of a ts it
 *   never issued answers {ok:false, error:"message_not_found"}; a channel name or ID not known
 *   answers channel_not_found. Messages are kept so tests can see one message updated in place.
 */

export interface SlackCall {
  method: string
  token?: string
  args: Record<string, unknown>
}

export interface FakeSlack {
  url: string
  apiUrl: string
  webhookUrl: string
  recorder: Recorder
  calls(): SlackCall[]
  messages: Map<string, { channel: string; text: string; blocks: unknown; attachments: unknown; updates: number; threadTs?: string }>
  stop(): Promise<void>
}

export const SLACK_TOKEN = 'xoxb-1111-2222-fake-token-for-tests'
export const SLACK_CHANNEL_ID = 'C0DEPLOYS1'

export function parseSlackCall(request: RecordedRequest): SlackCall {
  const method = request.path.replace(/^\/api\//, '')
  const token = request.headers.authorization?.replace(/^Bearer /, '')
  const form = new URLSearchParams(request.body)
  const args: Record<string, unknown> = {}
  for (const [key, value] of form) {
    try {
      args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value
    } catch {
      args[key] = value
    }
  }
  return { method, token, args }
}

/** `channels`: the channel IDs this workspace has (default SLACK_CHANNEL_ID; `#deploys` is always known). */
export async function startFakeSlack(options: { channels?: string[] } = {}): Promise<FakeSlack> {
  const channels = options.channels ?? [SLACK_CHANNEL_ID]
  const messages: FakeSlack['messages'] = new Map()
  let counter = 0
  const recorder = await startRecorder((request) => {
    if (request.path.startsWith('/services/')) {
      const body = request.json<{ text?: string; blocks?: unknown[] }>()
      if (!body.text && !body.blocks) return { status: 400, body: 'no_text' }
      return { status: 200, headers: { 'content-type': 'text/html' }, body: 'ok' }
    }
    const call = parseSlackCall(request)
    if (call.token !== SLACK_TOKEN) return { status: 200, body: { ok: false, error: 'invalid_auth' } }
    const channel = asText(call.args.channel)
    if (!channels.includes(channel) && channel !== '#deploys') return { status: 200, body: { ok: false, error: 'channel_not_found' } }
    if (call.method === 'chat.postMessage') {
      const ts = `1700000000.${String(++counter).padStart(6, '0')}`
      const threadTs = typeof call.args.thread_ts === 'string' ? call.args.thread_ts : undefined
      const id = channel === '#deploys' ? channels[0] : channel
      messages.set(ts, { channel: id, text: asText(call.args.text), blocks: call.args.blocks, attachments: call.args.attachments, updates: 0, threadTs })
      return { status: 200, body: { ok: true, channel: id, ts, message: { type: 'message', text: call.args.text, ts, ...(threadTs ? { thread_ts: threadTs } : {}) } } }
    }
    if (call.method === 'chat.update') {
      const ts = asText(call.args.ts)
      const message = messages.get(ts)
      if (!message || channel !== message.channel) return { status: 200, body: { ok: false, error: 'message_not_found' } }
      Object.assign(message, { text: asText(call.args.text), blocks: call.args.blocks, attachments: call.args.attachments, updates: message.updates + 1 })
      return { status: 200, body: { ok: true, channel: message.channel, ts, text: call.args.text } }
    }
    return { status: 200, body: { ok: false, error: 'unknown_method' } }
  })
  return {
    url: recorder.url,
    apiUrl: `${recorder.url}/api/`,
    webhookUrl: `${recorder.url}/services/T0001/B0001/abcdefghijklmnopqrstuvwx`,
    recorder,
    calls: () => recorder.requests.filter((r) => r.path.startsWith('/api/')).map(parseSlackCall),
    messages,
    stop: () => recorder.stop()
  }
}

/** A Web API argument as text (form fields are strings already; JSON bodies may carry other values). */
function asText(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value)
}

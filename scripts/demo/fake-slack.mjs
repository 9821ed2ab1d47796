// A small stand-in for Slack's Web API on loopback, so the demo can show notify updating one
// message in place: chat.postMessage answers {ok, channel, ts}; chat.update replaces that
// message's text (an unknown ts answers message_not_found, as Slack does). Requests arrive
// form-encoded with the token in `Authorization: Bearer`, as @slack/web-api sends them.
import { createServer } from 'node:http'

/** What a person sees of a message: the text of its blocks (and its attachments' blocks), else its fallback text. */
export function visibleText(args) {
  const lines = []
  const walk = (value) => {
    if (Array.isArray(value)) return value.forEach(walk)
    if (!value || typeof value !== 'object') return
    if (value.text && typeof value.text === 'object' && typeof value.text.text === 'string') lines.push(value.text.text)
    else if ((value.type === 'mrkdwn' || value.type === 'plain_text') && typeof value.text === 'string') lines.push(value.text)
    for (const [key, inner] of Object.entries(value)) if (key !== 'text') walk(inner)
  }
  for (const key of ['blocks', 'attachments']) {
    try {
      if (args[key]) walk(JSON.parse(args[key]))
    } catch {
      // Not JSON: Slack would refuse it; the fallback text is shown.
    }
  }
  return lines.length > 0 ? lines.join('\n') : (args.text ?? '')
}

export async function startFakeSlack({ token, channel, onMessage }) {
  const messages = new Map()
  let counter = 0
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      const answer = (value) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify(value))
      }
      const method = new URL(req.url, 'http://localhost').pathname.replace(/^\/api\//, '')
      const args = Object.fromEntries(new URLSearchParams(body))
      if (req.headers.authorization !== `Bearer ${token}`) return answer({ ok: false, error: 'invalid_auth' })
      if (args.channel !== channel) return answer({ ok: false, error: 'channel_not_found' })
      if (method === 'chat.postMessage') {
        const ts = `${Math.floor(Date.now() / 1000)}.${String(++counter).padStart(6, '0')}`
        const message = { ts, text: visibleText(args), updates: 0 }
        messages.set(ts, message)
        onMessage?.(message, 'posted')
        return answer({ ok: true, channel, ts, message: { type: 'message', text: message.text, ts } })
      }
      if (method === 'chat.update') {
        const message = messages.get(args.ts ?? '')
        if (!message) return answer({ ok: false, error: 'message_not_found' })
        message.text = visibleText(args)
        message.updates++
        onMessage?.(message, 'updated')
        return answer({ ok: true, channel, ts: message.ts, text: message.text })
      }
      return answer({ ok: false, error: 'unknown_method' })
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    apiUrl: `http://127.0.0.1:${server.address().port}/api/`,
    messages,
    stop: () => new Promise((resolve) => server.close(() => resolve()))
  }
}

import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { cleanup, runAction } from '../../support/runner.js'
import { parseMail, startSmtp, type Smtp } from '../../support/services/smtp.js'
import { leakedSecrets } from './support.js'

// A real SMTP server (npm smtp-server) on loopback, with STARTTLS (a certificate for 127.0.0.1
// trusted through NODE_EXTRA_CA_CERTS) and AUTH; nodemailer in the action talks to it for real.
describe('notify → email over SMTP (real smtp-server on loopback)', () => {
  let smtp: Smtp
  const password = 'smtp-Pa55word-xyz'
  beforeAll(async () => {
    smtp = await startSmtp({ username: 'deploybot', password, rejectRecipients: ['nobody@example.com'] })
  })
  afterAll(async () => smtp.stop())
  beforeEach(() => {
    smtp.messages.length = 0
  })

  const inputs = () => ({
    channels: 'email',
    environment: 'production',
    version: 'v3.1.0',
    'environment-url': 'https://shop.example.com',
    status: 'rolled_back',
    'smtp-host': smtp.host,
    'smtp-port': String(smtp.port),
    'smtp-security': 'starttls',
    'smtp-username': 'deploybot',
    'smtp-password': password,
    'email-from': 'Deploys <deploys@example.com>',
    'email-to': 'ops@example.com, Release Team <release@example.com>\ncto@example.com',
    'email-subject': '[{{environment}}] {{status_label}}: shop {{version}}',
    message: 'Rolled back <b>{{version}}</b> after {{outputs.reason}}.',
    outputs: 'reason=error rate 12% > 5%'
  })

  it('sends one message with text and HTML bodies to several recipients over STARTTLS with AUTH', async () => {
    const result = await runAction({ action: 'notify', inputs: inputs(), env: { NODE_EXTRA_CA_CERTS: smtp.caFile } })
    expect(result.errors).toEqual([])
    expect(JSON.parse(result.outputs.delivered)).toEqual({ email: true })
    expect(result.outputs['email-message-id']).toMatch(/^<.+@.+>$/)
    expect(smtp.messages).toHaveLength(1)
    const [mail] = smtp.messages
    expect(mail.secure).toBe(true) // STARTTLS happened before anything was sent
    expect(mail.user).toBe('deploybot')
    expect(mail.from).toBe('deploys@example.com')
    expect(mail.to).toEqual(['ops@example.com', 'release@example.com', 'cto@example.com'])
    const parsed = parseMail(mail.raw)
    expect(parsed.headers.subject).toBe('[production] Rolled back: shop v3.1.0')
    expect(parsed.headers['message-id']).toBe(result.outputs['email-message-id'])
    expect(parsed.headers['content-type']).toMatch(/^multipart\/alternative/)
    const text = parsed.parts['text/plain']
    expect(text).toContain('Rolled back <b>v3.1.0</b> after error rate 12% > 5%.')
    expect(text).toContain('Environment: production <https://shop.example.com>')
    expect(text).toContain('View run: https://github.com/octo-org/shop/actions/runs/1658821493')
    const html = parsed.parts['text/html']
    expect(html).toContain('Rolled back &lt;b&gt;v3.1.0&lt;/b&gt; after error rate 12% &gt; 5%.') // escaped, not markup
    expect(html).toContain('<a href="https://github.com/octo-org/shop/commit/6dcb09b5b57875f334f61aebed695e2e4193db5e">6dcb09b</a>')
    expect(result.summary).toContain('| Email | ✅ delivered | sent to 3 recipients')
    expect(leakedSecrets(result, [password])).toEqual([])
    await cleanup(result)
  })

  it('smtp-security tls: TLS from the first byte (SMTPS)', async () => {
    const smtps = await startSmtp({ implicitTls: true })
    try {
      const result = await runAction({
        action: 'notify',
        inputs: { ...inputs(), 'smtp-host': smtps.host, 'smtp-port': String(smtps.port), 'smtp-security': 'tls', 'smtp-username': '', 'smtp-password': '' },
        env: { NODE_EXTRA_CA_CERTS: smtps.caFile }
      })
      expect(result.errors).toEqual([])
      expect(JSON.parse(result.outputs.delivered)).toEqual({ email: true })
      expect(smtps.messages.map((m) => [m.secure, m.to.length])).toEqual([[true, 3]])
      await cleanup(result)
    } finally {
      await smtps.stop()
    }
  })

  it('a wrong password is a warning naming the SMTP server, never the password; nothing is sent', async () => {
    const result = await runAction({ action: 'notify', inputs: { ...inputs(), 'smtp-password': 'not-the-password' }, env: { NODE_EXTRA_CA_CERTS: smtp.caFile } })
    expect(result.exitCode).toBe(0)
    expect(result.warnings).toEqual([expect.stringMatching(/^notify: email not delivered: SMTP server 127\.0\.0\.1:\d+: Invalid login/)])
    expect(smtp.messages).toHaveLength(0)
    expect(leakedSecrets(result, ['not-the-password'])).toEqual([])
    await cleanup(result)
  })

  it('refuses to send in the clear when STARTTLS cannot be trusted (unknown certificate)', async () => {
    const result = await runAction({ action: 'notify', inputs: { ...inputs(), attempts: '1' } })
    expect(result.exitCode).toBe(0)
    expect(JSON.parse(result.outputs.delivered)).toEqual({ email: false })
    expect(result.warnings.join('\n')).toMatch(/self-signed certificate|unable to verify|certificate/i)
    expect(smtp.messages).toHaveLength(0)
    await cleanup(result)
  })

  it('a recipient the server refuses makes the channel not delivered (fail-on-error fails the step)', async () => {
    const result = await runAction({
      action: 'notify',
      inputs: { ...inputs(), 'email-to': 'nobody@example.com', 'fail-on-error': 'true' },
      env: { NODE_EXTRA_CA_CERTS: smtp.caFile }
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([expect.stringMatching(/^notify failed: 1 of 1 channel not delivered: email \(SMTP server 127\.0\.0\.1:\d+: .*550/)])
    await cleanup(result)
  })
})

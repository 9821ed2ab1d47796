import { callWithPolicy } from '../delivery-retry.js'
import { DeliveryError, type Delivery, type EmailConfig, type Notification, type Notifier, type NotifierDeps } from '../types.js'
import { buildEmail, isRetryableSmtpError } from './email-body.js'
import { errorMessage } from '../../../core/error-message.js'

/**
 * Email through nodemailer over SMTP. `security`: `tls` connects with TLS from the start (port
 * 465), `starttls` requires the STARTTLS upgrade before anything is sent (port 587), `none` sends
 * in the clear (a relay on localhost). The server's certificate is verified against Node's CA
 * store (extend it with NODE_EXTRA_CA_CERTS for a private CA).
 */
export class EmailNotifier implements Notifier {
  readonly channel = 'email' as const

  constructor(
    private readonly config: EmailConfig,
    private readonly deps: NotifierDeps
  ) {}

  async send({ context, message }: Notification): Promise<Delivery> {
    const { default: nodemailer } = await import('nodemailer')
    const c = this.config
    const transport = nodemailer.createTransport({
      host: c.host,
      port: c.port,
      secure: c.security === 'tls',
      requireTLS: c.security === 'starttls',
      ignoreTLS: c.security === 'none',
      auth: c.username ? { user: c.username, pass: c.password ?? '' } : undefined,
      connectionTimeout: this.deps.policy.timeoutMs,
      greetingTimeout: this.deps.policy.timeoutMs,
      socketTimeout: this.deps.policy.timeoutMs
    })
    const email = buildEmail(context, message, c.subject)
    try {
      const info = await callWithPolicy(
        'SMTP',
        this.deps,
        () => transport.sendMail({ from: c.from, to: c.to, subject: email.subject, text: email.text, html: email.html }),
        (error) => ({ message: `SMTP server ${c.host}:${c.port}: ${errorMessage(error)}`, retryable: isRetryableSmtpError(error) })
      )
      const rejected = (info.rejected ?? []).length
      if (rejected > 0) throw new DeliveryError(`the SMTP server refused ${rejected} of ${c.to.length} recipients`, { 'email-message-id': info.messageId })
      return { detail: `sent to ${c.to.length} recipient${c.to.length === 1 ? '' : 's'} (${info.messageId})`, outputs: { 'email-message-id': info.messageId } }
    } finally {
      transport.close()
    }
  }
}

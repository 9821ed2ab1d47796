import { deploymentFacts, deploymentLinks, statusStyle, type DeploymentContext, type NotificationMessage } from '../notification-content.js'

/** Pure builders of the email's subject, plain-text and HTML bodies (HTML escaped, inline styles only). */

export interface EmailContent {
  subject: string
  text: string
  html: string
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

export function buildEmail(context: DeploymentContext, message: NotificationMessage, subject?: string): EmailContent {
  const facts = deploymentFacts(context)
  const links = deploymentLinks(context)
  const width = Math.max(...facts.map((f) => f.label.length))
  const text = [
    message.title,
    '',
    message.text,
    '',
    ...facts.map((f) => `${`${f.label}:`.padEnd(width + 2)}${f.value}${f.url && f.url !== f.value ? ` <${f.url}>` : ''}`),
    '',
    ...links.map((l) => `${l.label}: ${l.url}`),
    '',
    `— ${context.repository}`
  ].join('\n')
  const colour = statusStyle(context.status).hex
  const rows = facts
    .map(
      (f) =>
        `<tr><th align="left" style="padding:4px 12px 4px 0;color:#555">${escapeHtml(f.label)}</th><td style="padding:4px 0">${
          f.url ? `<a href="${escapeHtml(f.url)}">${escapeHtml(f.value)}</a>` : escapeHtml(f.value)
        }</td></tr>`
    )
    .join('')
  const buttons = links
    .map(
      (l) =>
        `<a href="${escapeHtml(l.url)}" style="display:inline-block;margin-right:8px;padding:6px 12px;border:1px solid ${colour};border-radius:4px;color:${colour};text-decoration:none">${escapeHtml(l.label)}</a>`
    )
    .join('')
  const html = [
    '<!doctype html><html><body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:14px">',
    `<div style="border-left:4px solid ${colour};padding-left:12px">`,
    `<h2 style="margin:0 0 8px">${escapeHtml(message.title)}</h2>`,
    `<p style="white-space:pre-wrap">${escapeHtml(message.text)}</p>`,
    `<table cellspacing="0" cellpadding="0">${rows}</table>`,
    `<p>${buttons}</p>`,
    `<p style="color:#888;font-size:12px">${escapeHtml(context.repository)}</p>`,
    '</div></body></html>'
  ].join('\n')
  return { subject: subject ?? message.title, text, html }
}

/** Whether a nodemailer error is worth another attempt: connection trouble or a 4xx SMTP reply. */
export function isRetryableSmtpError(error: unknown): boolean {
  const e = error as { code?: string; responseCode?: number }
  if (e?.responseCode !== undefined) return e.responseCode >= 400 && e.responseCode < 500
  return ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNRESET', 'ECONNREFUSED'].includes(e?.code ?? '')
}

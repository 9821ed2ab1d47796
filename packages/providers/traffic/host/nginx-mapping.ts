import type { AccessLogEntry, Color } from '../types.js'
import { commandLine } from './shell.js'

/**
 * What the host provider writes for nginx and reads back from it (pure).
 *
 * The server's nginx configuration includes our upstream file inside the app's upstream block,
 * and (for the `nginx-log` analysis) logs in the format below:
 *
 *   log_format deploy_actions 'da1 $msec $status $request_time $upstream_addr';
 *   upstream app { include /etc/nginx/conf.d/app.upstream; keepalive 16; }
 *   server { access_log /var/log/nginx/app.access deploy_actions; location / { proxy_pass http://app; } }
 */

export const ACCESS_LOG_FORMAT_NAME = 'deploy_actions'
export const ACCESS_LOG_FORMAT = `log_format ${ACCESS_LOG_FORMAT_NAME} 'da1 $msec $status $request_time $upstream_addr';`

/**
 * The `server` lines for the weights: a color with 0% is left out (nginx has no weight 0), so a
 * one-color file has one line. Weights are percentages, which nginx takes as relative weights.
 */
export function upstreamConfig(ports: Record<Color, number>, weights: Record<Color, number>): string {
  const colors = (['blue', 'green'] as const).filter((color) => weights[color] > 0)
  if (colors.length === 0) throw new Error('at least one color needs traffic')
  const lines = colors.map((color) => (colors.length === 1 ? `server 127.0.0.1:${ports[color]};  # ${color}` : `server 127.0.0.1:${ports[color]} weight=${weights[color]};  # ${color}`))
  const summary = colors.map((color) => `${color} ${weights[color]}%`).join(', ')
  return `# Written by deploy-actions blue-green-swap: ${summary}. Do not edit; the next deploy overwrites it.\n${lines.join('\n')}\n`
}

/** Reads weights back from a file upstreamConfig wrote (undefined when it is not ours). */
export function weightsFromUpstream(ports: Record<Color, number>, text: string): Record<Color, number> | undefined {
  const weights: Record<Color, number> = { blue: 0, green: 0 }
  let found = 0
  for (const match of text.matchAll(/^\s*server\s+127\.0\.0\.1:(\d+)(?:\s+weight=(\d+))?\s*;/gm)) {
    const port = Number(match[1])
    const color = (['blue', 'green'] as const).find((c) => ports[c] === port)
    if (!color) return undefined
    weights[color] = match[2] === undefined ? 100 : Number(match[2])
    found++
  }
  return found === 0 ? undefined : weights
}

export interface NginxCommandOptions {
  conf?: string
  prefix?: string
  sudo: boolean
}

function nginxWords(options: NginxCommandOptions): string[] {
  return [...(options.sudo ? ['sudo', '-n'] : []), 'nginx', ...(options.prefix ? ['-p', options.prefix] : []), ...(options.conf ? ['-c', options.conf] : [])]
}

export function nginxTestCommand(options: NginxCommandOptions): string {
  return commandLine([...nginxWords(options), '-t', '-q'])
}

export function nginxReloadCommand(options: NginxCommandOptions): string {
  return commandLine([...nginxWords(options), '-s', 'reload'])
}

/** One access log line in the documented format, or undefined for any other line. */
export function parseAccessLogLine(line: string, ports: Record<Color, number>): AccessLogEntry | undefined {
  const match = /^da1 (\d+(?:\.\d+)?) (\d{3}) (\d+(?:\.\d+)?) (.+)$/.exec(line.trim())
  if (!match) return undefined
  // After a retry to the next upstream, $upstream_addr lists every server tried: the last one answered.
  const port = Number(/:(\d+)\s*$/.exec(match[4])?.[1] ?? NaN)
  const color = (['blue', 'green'] as const).find((c) => ports[c] === port)
  return { time: Math.round(Number(match[1]) * 1000), color, status: Number(match[2]), durationMs: Math.round(Number(match[3]) * 1000) }
}

export function parseAccessLog(text: string, ports: Record<Color, number>, sinceMs: number): AccessLogEntry[] {
  return text
    .split('\n')
    .map((line) => parseAccessLogLine(line, ports))
    .filter((entry): entry is AccessLogEntry => entry !== undefined && entry.time >= sinceMs)
}

/** Server-side filter so only the window crosses the wire: lines with $msec at or after `sinceMs`. */
export function accessLogSinceCommand(path: string, sinceMs: number): string {
  return `awk -v since=${(sinceMs / 1000).toFixed(3)} '$1 == "da1" && $2 >= since' ${commandLine([path])}`
}

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
  /** nginx's pid file: lets a reload wait until the new configuration serves. */
  pidFile?: string
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

/** Exit code of reloadAndWaitCommand when nginx kept its old workers (it refused the configuration). */
export const RELOAD_NOT_TAKEN = 4

/**
 * `nginx -s reload` only sends a signal. This reloads, then waits until every worker that served
 * before is gone or "shutting down" (nginx starts the new workers first, then tells the old ones to
 * stop accepting), so when it returns only the new configuration takes new connections. Without a
 * readable pid file it cannot watch and returns after the signal.
 */
export function reloadAndWaitCommand(options: NginxCommandOptions, timeoutMs = 5000): string {
  const reload = nginxReloadCommand(options)
  if (!options.pidFile) return reload
  const ticks = Math.ceil(timeoutMs / 20)
  return [
    `m=$(cat -- ${commandLine([options.pidFile])} 2>/dev/null); old=''`,
    `for w in $( [ -n "$m" ] && cat /proc/$m/task/$m/children 2>/dev/null ); do tr '\\0' ' ' < /proc/$w/cmdline 2>/dev/null | grep -q 'worker process *$' && old="$old $w"; done`,
    // nginx -s prints a notice on success; only a failure's output is worth passing on.
    `out=$(${reload} 2>&1) || { rc=$?; echo "$out" >&2; exit $rc; }`,
    `[ -z "$old" ] && exit 0`,
    `i=0; while [ $i -lt ${ticks} ]; do busy=0; for w in $old; do tr '\\0' ' ' < /proc/$w/cmdline 2>/dev/null | grep -q 'shutting down' || { [ -e /proc/$w ] && busy=1; }; done; [ $busy = 0 ] && exit 0; sleep 0.02; i=$((i+1)); done`,
    `echo "nginx kept its old workers for ${Math.round(timeoutMs / 1000)} s after the reload signal: it did not take the new configuration (see its error log)" >&2; exit ${RELOAD_NOT_TAKEN}`
  ].join('\n')
}

/** Exit codes of switchCommand. */
export const SWITCH_TEST_FAILED = 10
export const SWITCH_RELOAD_FAILED = 11

/**
 * The whole switch in one round trip (over SSH each command costs a session): the new upstream
 * file arrives on stdin; the current one is kept as `<file>.last-good`; the new one is renamed into
 * place, `nginx -t`, then reload-and-wait. On a failed test or reload the last good file is put back.
 * Prints `mark <name> <ns>` lines (GNU date) so the caller can time each part.
 */
export function switchCommand(file: string, options: NginxCommandOptions): string {
  const q = commandLine
  const mark = (name: string): string => `echo "mark ${name} $(date +%s%N)"`
  return [
    `f=${q([file])}; new="$f.new.$$"; good="$f.last-good"`,
    mark('start'),
    `mkdir -p -- "$(dirname -- "$f")" && cat > "$new" || { rm -f -- "$new"; exit 1; }`,
    `had=0; if [ -e "$f" ]; then cp -p -- "$f" "$good" || { rm -f -- "$new"; exit 1; }; had=1; fi`,
    `restore() { if [ $had = 1 ]; then cp -p -- "$good" "$new" && mv -f -- "$new" "$f"; else rm -f -- "$f"; fi; }`,
    `mv -f -- "$new" "$f" || exit 1`,
    mark('written'),
    `if ! ${nginxTestCommand(options)}; then restore; exit ${SWITCH_TEST_FAILED}; fi`,
    mark('tested'),
    `( ${reloadAndWaitCommand(options).split('\n').join('\n  ')}
) || { rc=$?; restore; echo "reload failed (exit $rc)" >&2; exit ${SWITCH_RELOAD_FAILED}; }`,
    mark('reloaded')
  ].join('\n')
}

/** `mark <name> <ns>` lines → milliseconds between them (undefined where date has no %N). */
export function switchTimings(stdout: string): { writeMs: number; testMs: number; reloadMs: number } | undefined {
  const marks = new Map<string, number>()
  for (const match of stdout.matchAll(/^mark (\w+) (\d+)$/gm)) marks.set(match[1], Number(match[2]) / 1e6)
  const at = (name: string): number => marks.get(name) ?? NaN
  const timings = { writeMs: at('written') - at('start'), testMs: at('tested') - at('written'), reloadMs: at('reloaded') - at('tested') }
  return Object.values(timings).every(Number.isFinite) ? timings : undefined
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

import type { Color } from '../types.js'
import { commandLine } from './shell.js'

/**
 * `nginx-switch: flag-files` — a switch without any nginx reload, so no idle keep-alive connection
 * is ever closed under a client (the reload race). nginx is configured once (the snippet below)
 * to pick, per request, one of 100 buckets (split_clients on $request_id) and to send the
 * request to green when the file `<flag-dir>/current/<bucket>` exists. A switch to W% on green
 * prepares `<flag-dir>/w-W/` holding W bucket files and renames the `current` symlink onto it:
 * one atomic rename, seen by the very next request. Pure.
 */

export function bucketName(index: number): string {
  return String(index).padStart(2, '0')
}

/** The nginx configuration a server needs once for flag-file switching (documented in the README). */
export function flagSnippet(options: { flagDir: string; ports: Record<Color, number>; keepalive?: number }): { http: string; location: string } {
  const buckets = Array.from({ length: 100 }, (_, i) => (i < 99 ? `    1% ${bucketName(i)};` : `    * ${bucketName(i)};`)).join('\n')
  const keepalive = options.keepalive ? ` keepalive ${options.keepalive};` : ''
  return {
    http: [
      'split_clients "${request_id}" $da_bucket {',
      buckets,
      '}',
      `upstream app_blue { server 127.0.0.1:${options.ports.blue};${keepalive} }`,
      `upstream app_green { server 127.0.0.1:${options.ports.green};${keepalive} }`
    ].join('\n'),
    location: [`set $da_upstream app_blue;`, `if (-f ${options.flagDir}/current/$da_bucket) { set $da_upstream app_green; }`, 'proxy_pass http://$da_upstream;'].join('\n')
  }
}

/** Prepares the weight's folder (once) and points `current` at it with one rename. Prints `mark` lines like switchCommand. */
export function flagSwitchCommand(flagDir: string, greenPercent: number): string {
  const weight = Math.round(greenPercent)
  if (weight < 0 || weight > 100) throw new Error(`weight ${greenPercent} is not a percentage`)
  const q = (path: string): string => commandLine([path])
  const folder = `${flagDir}/w-${weight}`
  const files = Array.from({ length: weight }, (_, i) => bucketName(i)).join(' ')
  const mark = (name: string): string => `echo "mark ${name} $(date +%s%N)"`
  return [
    mark('start'),
    `if [ ! -e ${q(`${folder}/.complete`)} ]; then mkdir -p -- ${q(folder)} && ( cd -- ${q(folder)} && ${files ? `touch -- ${files} && ` : ''}touch .complete ) || exit 1; fi`,
    mark('written'),
    mark('tested'),
    `ln -sfn -- ${q(`w-${weight}`)} ${q(`${flagDir}/current.$$`)} && mv -fT -- ${q(`${flagDir}/current.$$`)} ${q(`${flagDir}/current`)} || { rm -f -- ${q(`${flagDir}/current.$$`)}; exit 1; }`,
    mark('reloaded')
  ].join('\n')
}

export function flagReadCommand(flagDir: string): string {
  return `readlink -- ${commandLine([`${flagDir}/current`])} 2>/dev/null || true`
}

/** `readlink current` → weights; undefined before the first switch. */
export function weightsFromFlag(target: string): Record<Color, number> | undefined {
  const match = /^w-(\d{1,3})$/.exec(target.trim())
  if (!match || Number(match[1]) > 100) return undefined
  const green = Number(match[1])
  return { blue: 100 - green, green }
}

import { describe, expect, it } from '@jest/globals'
import {
  ACCESS_LOG_FORMAT,
  accessLogSinceCommand,
  nginxReloadCommand,
  nginxTestCommand,
  parseAccessLog,
  parseAccessLogLine,
  reloadAndWaitCommand,
  upstreamConfig,
  weightsFromUpstream
} from '../../../packages/providers/traffic/host/nginx-mapping.js'

const ports = { blue: 8001, green: 8002 }

describe('nginx mapping', () => {
  it.each<[Record<'blue' | 'green', number>, string[]]>([
    [{ blue: 100, green: 0 }, ['server 127.0.0.1:8001;  # blue']],
    [{ blue: 0, green: 100 }, ['server 127.0.0.1:8002;  # green']],
    [{ blue: 90, green: 10 }, ['server 127.0.0.1:8001 weight=90;  # blue', 'server 127.0.0.1:8002 weight=10;  # green']],
    [{ blue: 50, green: 50 }, ['server 127.0.0.1:8001 weight=50;  # blue', 'server 127.0.0.1:8002 weight=50;  # green']]
  ])('writes the upstream lines for %j and reads the weights back', (weights, lines) => {
    const text = upstreamConfig(ports, weights)
    expect(text.split('\n').filter((line) => line.startsWith('server'))).toEqual(lines)
    expect(text.startsWith('# Written by deploy-actions blue-green-swap')).toBe(true)
    expect(weightsFromUpstream(ports, text)).toEqual(weights)
  })

  it('refuses weights with no traffic anywhere', () => {
    expect(() => upstreamConfig(ports, { blue: 0, green: 0 })).toThrow('at least one color needs traffic')
  })

  it.each([['server 10.0.0.1:80;\n'], ['server 127.0.0.1:9999;\n'], ['# empty\n']])('does not read weights from a file it did not write: %j', (text) => {
    expect(weightsFromUpstream(ports, text)).toBeUndefined()
  })

  it.each<[NonNullable<Parameters<typeof nginxTestCommand>[0]>, string, string]>([
    [{ sudo: false }, 'nginx -t -q', 'nginx -s reload'],
    [{ sudo: true }, 'sudo -n nginx -t -q', 'sudo -n nginx -s reload'],
    [{ sudo: false, prefix: '/srv/nginx/', conf: '/srv/nginx/my conf' }, "nginx -p /srv/nginx/ -c '/srv/nginx/my conf' -t -q", "nginx -p /srv/nginx/ -c '/srv/nginx/my conf' -s reload"]
  ])('nginx commands for %j', (options, test, reload) => {
    expect(nginxTestCommand(options)).toBe(test)
    expect(nginxReloadCommand(options)).toBe(reload)
  })

  it('waits for the old workers only when it knows the pid file', () => {
    expect(reloadAndWaitCommand({ sudo: false })).toBe('nginx -s reload')
    const waiting = reloadAndWaitCommand({ sudo: false, pidFile: '/run/nginx.pid' }, 3000)
    expect(waiting).toContain('cat -- /run/nginx.pid')
    expect(waiting).toContain('out=$(nginx -s reload 2>&1) || {')
    expect(waiting).toContain('[ $i -lt 150 ]')
    expect(waiting).toMatch(/exit 4$/)
  })

  it('documents the log format it parses', () => {
    expect(ACCESS_LOG_FORMAT).toBe("log_format deploy_actions 'da1 $msec $status $request_time $upstream_addr';")
  })

  it.each<[string, unknown]>([
    ['da1 1764408000.123 200 0.004 127.0.0.1:8001', { time: 1764408000123, color: 'blue', status: 200, durationMs: 4 }],
    ['da1 1764408000.500 502 1.250 127.0.0.1:8002', { time: 1764408000500, color: 'green', status: 502, durationMs: 1250 }],
    ['da1 1764408000.500 200 0.010 127.0.0.1:8001, 127.0.0.1:8002', { time: 1764408000500, color: 'green', status: 200, durationMs: 10 }],
    ['da1 1764408000.500 200 0.010 127.0.0.1:8001 : 127.0.0.1:8002', { time: 1764408000500, color: 'green', status: 200, durationMs: 10 }],
    ['da1 1764408000.500 404 0.000 -', { time: 1764408000500, color: undefined, status: 404, durationMs: 0 }],
    ['da1 1764408000.500 200 0.002 127.0.0.1:9999', { time: 1764408000500, color: undefined, status: 200, durationMs: 2 }],
    ['127.0.0.1 - - [29/Nov/2026:09:00:00 +0000] "GET / HTTP/1.1" 200 12', undefined],
    ['', undefined]
  ])('parses %j', (line, entry) => {
    expect(parseAccessLogLine(line, ports)).toEqual(entry)
  })

  it('keeps the entries since the given time', () => {
    const text = ['da1 100.000 200 0.001 127.0.0.1:8001', 'junk', 'da1 101.000 500 0.002 127.0.0.1:8002', 'da1 102.000 200 0.003 127.0.0.1:8002'].join('\n')
    expect(parseAccessLog(text, ports, 101_000).map((e) => e.time)).toEqual([101_000, 102_000])
    expect(accessLogSinceCommand('/var/log/nginx/app.log', 101_000)).toBe(`awk -v since=101.000 '$1 == "da1" && $2 >= since' /var/log/nginx/app.log`)
  })
})

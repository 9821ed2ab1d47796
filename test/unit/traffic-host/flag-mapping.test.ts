import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { bucketName, flagReadCommand, flagSnippet, flagSwitchCommand, weightsFromFlag } from '../../../packages/providers/traffic/host/flag-mapping.js'
import { switchTimings } from '../../../packages/providers/traffic/host/nginx-mapping.js'

describe('flag-file switching', () => {
  it('writes the nginx snippet: 100 buckets of 1%, one upstream per color, the flag test', () => {
    const { http, location } = flagSnippet({ flagDir: '/srv/shop/flags', ports: { blue: 8001, green: 8002 }, keepalive: 16 })
    const lines = http.split('\n')
    expect(lines[0]).toBe('split_clients "${request_id}" $da_bucket {')
    expect(lines.filter((l) => /^ {4}1% \d\d;$/.test(l))).toHaveLength(99)
    expect(lines).toContain('    * 99;')
    expect(lines).toContain('upstream app_blue { server 127.0.0.1:8001; keepalive 16; }')
    expect(lines).toContain('upstream app_green { server 127.0.0.1:8002; keepalive 16; }')
    expect(location).toBe('set $da_upstream app_blue;\nif (-f /srv/shop/flags/current/$da_bucket) { set $da_upstream app_green; }\nproxy_pass http://$da_upstream;')
    expect(bucketName(7)).toBe('07')
  })

  it.each<[string, unknown]>([
    ['w-0\n', { blue: 100, green: 0 }],
    ['w-25', { blue: 75, green: 25 }],
    ['w-100', { blue: 0, green: 100 }],
    ['w-101', undefined],
    ['', undefined],
    ['/elsewhere', undefined]
  ])('reads weights from the link %j', (target, weights) => {
    expect(weightsFromFlag(target)).toEqual(weights)
  })

  it('refuses a weight outside 0..100', () => {
    expect(() => flagSwitchCommand('/f', 101)).toThrow('weight 101 is not a percentage')
  })

  it('switches by renaming one link onto a folder of W bucket files (real sh)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flags-'))
    try {
      const sh = (command: string): string => execFileSync('sh', ['-c', command]).toString()
      for (const weight of [10, 50, 0, 100, 10]) {
        const out = sh(flagSwitchCommand(join(dir, 'flags'), weight))
        expect(readlinkSync(join(dir, 'flags', 'current'))).toBe(`w-${weight}`)
        expect(readdirSync(join(dir, 'flags', `w-${weight}`)).filter((f) => f !== '.complete')).toHaveLength(weight)
        expect(weightsFromFlag(sh(flagReadCommand(join(dir, 'flags'))))?.green).toBe(weight)
        expect(switchTimings(out)).toMatchObject({ writeMs: expect.any(Number), reloadMs: expect.any(Number) })
      }
      expect(existsSync(join(dir, 'flags', 'w-10', '09'))).toBe(true)
      expect(existsSync(join(dir, 'flags', 'w-10', '10'))).toBe(false)
      expect(readdirSync(join(dir, 'flags')).filter((f) => f.startsWith('current.'))).toEqual([])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

import { describe, expect, it } from '@jest/globals'
import { hostMatches, knownHostName, parseKnownHosts, verifyHostKey } from '../../../packages/providers/traffic/host/known-hosts.js'

const KEY_B64 = 'AAAAC3NzaC1lZDI1NTE5AAAAIJkufvVhjR34xYSi/jbSDg6gPWkG7LyzsHvSeoWLSGoP'
const KEY = Buffer.from(KEY_B64, 'base64')
const OTHER = Buffer.from('AAAAC3NzaC1lZDI1NTE5AAAAIPLACEHOLDERKEYPLACEHOLDERKEYPLACEHOLDER00', 'base64')
const FINGERPRINT = 'SHA256:eZjUJ43lXlJzQH2LTrU+L4grm3mO/zgTBoCx0R+hGjo'

describe('known hosts', () => {
  it('parses entries, comments and fingerprints; numbers the bad lines', () => {
    const { entries, badLines } = parseKnownHosts(
      `# servers\n\napp.example.com,10.0.0.5 ssh-ed25519 ${KEY_B64} comment\n${FINGERPRINT}\n@cert-authority *.example.com ssh-ed25519 ${KEY_B64}\n|1|hashed= ssh-ed25519 ${KEY_B64}\nnonsense`
    )
    expect(entries).toEqual([
      { hosts: ['app.example.com', '10.0.0.5'], fingerprint: FINGERPRINT },
      { hosts: [], fingerprint: FINGERPRINT }
    ])
    expect(badLines).toEqual([5, 6, 7])
  })

  it.each<[string[], string, number, boolean]>([
    [['app.example.com'], 'app.example.com', 22, true],
    [['app.example.com'], 'APP.example.com', 22, true],
    [['app.example.com'], 'app.example.com', 2222, false],
    [['[app.example.com]:2222'], 'app.example.com', 2222, true],
    [['*.example.com'], 'app.example.com', 22, true],
    [['*.example.com', '!db.example.com'], 'db.example.com', 22, false],
    [['10.0.0.?'], '10.0.0.5', 22, true],
    [[], 'anything', 22, true]
  ])('%j matches %s:%d → %s', (patterns, host, port, expected) => {
    expect(hostMatches(patterns, host, port)).toBe(expected)
  })

  it('names hosts as known_hosts does', () => {
    expect(knownHostName('h', 22)).toBe('h')
    expect(knownHostName('h', 2222)).toBe('[h]:2222')
  })

  it.each<[string, Buffer, string]>([
    ['trusted when the key is listed for the host', KEY, 'trusted'],
    ['mismatch when the host is listed with another key', OTHER, 'mismatch']
  ])('%s', (_name, key, verdict) => {
    const { entries } = parseKnownHosts(`[127.0.0.1]:2222 ssh-ed25519 ${KEY_B64}`)
    expect(verifyHostKey(entries, '127.0.0.1', 2222, key)).toBe(verdict)
  })

  it('unknown when the host is not listed at all', () => {
    const { entries } = parseKnownHosts(`other.example.com ssh-ed25519 ${KEY_B64}`)
    expect(verifyHostKey(entries, '127.0.0.1', 2222, KEY)).toBe('unknown')
  })
})

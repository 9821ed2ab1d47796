import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { launcherScript, probeCommand, processPaths, startCommand, stopCommand } from '../../../packages/providers/traffic/host/process-mapping.js'
import { cancelStopCommand, scheduleStopCommand } from '../../../packages/providers/traffic/host/stop-schedule.js'
import { commandLine, shellEnvFile, shellQuote } from '../../../packages/providers/traffic/host/shell.js'

describe('process runtime and shell mapping', () => {
  it.each<[string, string]>([
    ['plain-word_1.2:3@x', 'plain-word_1.2:3@x'],
    ['', "''"],
    ['two words', "'two words'"],
    ["it's", "'it'\\''s'"],
    ['$(reboot)', "'$(reboot)'"],
    ['a;b', "'a;b'"]
  ])('quotes %j as %s', (word, quoted) => {
    expect(shellQuote(word)).toBe(quoted)
  })

  it('quoting survives a real shell', () => {
    const words = ['printf', '%s|', "it's", '$(echo no)', 'a b', '`x`', '\\n']
    expect(execFileSync('sh', ['-c', commandLine(words)]).toString()).toBe("it's|$(echo no)|a b|`x`|\\n|")
  })

  it('writes a launcher with the environment, PORT, COLOR and the command', () => {
    const script = launcherScript({ command: 'node server.js --port "$PORT"', color: 'green', port: 8002, version: 'v2', env: { SECRET: "p'w d" }, workdir: '/srv/shop' })
    expect(script).toBe(
      [
        '# Written by deploy-actions blue-green-swap (process runtime).',
        "export SECRET='p'\\''w d'",
        'export PORT=8002',
        'export COLOR=green',
        'export APP_VERSION=v2',
        'cd /srv/shop || exit 1',
        `exec sh -c 'node server.js --port "$PORT"'`,
        ''
      ].join('\n')
    )
    expect(() => launcherScript({ command: 'x', color: 'blue', port: 1, version: 'v', env: { 'A-B': '1' } })).toThrow('environment variable name "A-B" is not a shell variable name')
    expect(shellEnvFile({})).toBe('')
  })

  it('starts, probes and stops a process group with the generated commands (real sh)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'process-mapping-'))
    try {
      const paths = processPaths(dir, 'blue')
      writeFileSync(paths.launcher, launcherScript({ command: 'echo "started $COLOR on $PORT"; sleep 31.7 & sleep 31.7', color: 'blue', port: 9, version: 'v1', env: {} }))
      const sh = (command: string): string => execFileSync('sh', ['-c', command]).toString().trim()
      expect(sh(probeCommand(paths))).toBe('exited')
      sh(startCommand(paths))
      expect(sh(probeCommand(paths))).toBe('running')
      sh(stopCommand(paths, 2))
      expect(sh(probeCommand(paths))).toBe('exited')
      expect(sh(`cat ${paths.logFile}`)).toBe('started blue on 9')
      // Both sleeps were in the group: none is left.
      expect(sh(`pgrep -fc 'sleep 31[.]7' || true`)).toBe('0')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('schedules a stop that a cancel prevents (real sh)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stop-schedule-'))
    try {
      const pidFile = join(dir, 'blue.stop.pid')
      const marker = join(dir, 'stopped')
      const sh = (command: string): string => execFileSync('sh', ['-c', command]).toString().trim()
      sh(scheduleStopCommand(pidFile, 1000, `touch ${marker}`))
      sh(cancelStopCommand(pidFile))
      execFileSync('sleep', ['1.5'])
      expect(sh(`[ -e ${marker} ] && echo yes || echo no`)).toBe('no')
      sh(scheduleStopCommand(pidFile, 0, `touch ${marker}`))
      execFileSync('sleep', ['0.5'])
      expect(sh(`[ -e ${marker} ] && echo yes || echo no`)).toBe('yes')
      expect(sh(`[ -e ${pidFile} ] && echo yes || echo no`)).toBe('no')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

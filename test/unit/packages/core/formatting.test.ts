import { describe, expect, it } from '@jest/globals'
import { escapeCell, formatBytes, formatMs, markdownTable, mermaidBarChart } from '../../../../packages/core/markdown.js'
import { redact } from '../../../../packages/core/redact.js'
import { failureMessage } from '../../../../packages/core/error-message.js'
import { InputError } from '../../../../packages/core/input-error.js'
import { applyDefaults } from '../../../../packages/dispatch/apply-defaults.js'
import { parseFileCommand } from '../../../support/runner.js'

describe('markdown builders', () => {
  it('builds a table and escapes pipes and newlines in cells', () =>
    expect(markdownTable(['check', 'result'], [['a|b', 'line1\nline2']])).toBe('| check | result |\n| --- | --- |\n| a\\|b | line1<br>line2 |'))

  it('escapes a single cell', () => expect(escapeCell('x|y')).toBe('x\\|y'))

  it('builds a mermaid bar chart', () =>
    expect(
      mermaidBarChart('Latency', 'ms', [
        { label: 'health "ok"', value: 12.4 },
        { label: 'login', value: 80.6 }
      ])
    ).toBe(['```mermaid', 'xychart-beta', '  title "Latency"', `  x-axis ["health 'ok'", "login"]`, '  y-axis "ms" 0 --> 81', '  bar [12, 81]', '```'].join('\n')))

  it.each([
    [12.3, '12 ms'],
    [1500, '1.50 s'],
    [12_000, '12.0 s'],
    [125_000, '2 min 5 s']
  ])('formatMs(%p) = %p', (ms, text) => expect(formatMs(ms)).toBe(text))

  it.each([
    [512, '512 B'],
    [2048, '2.0 KiB'],
    [5 * 1024 ** 3, '5.0 GiB']
  ])('formatBytes(%p) = %p', (bytes, text) => expect(formatBytes(bytes)).toBe(text))
})

describe('redaction and failure messages', () => {
  it('redacts every secret, longest first', () => expect(redact('token abc123 and abc123456 in https://u:abc123456@h', ['abc123', 'abc123456'])).toBe('token *** and *** in https://u:***@h'))

  it('ignores secrets too short to redact safely', () => expect(redact('a b c', ['b'])).toBe('a b c'))

  it('leaves input errors as they are and prefixes others with the action name', () => {
    expect(failureMessage('migrate', new InputError('lock-timeout', 'is -1s', 'a positive duration'))).toBe('Input "lock-timeout" is -1s; expected a positive duration.')
    expect(failureMessage('migrate', new Error('connect ECONNREFUSED postgres://app:pw123@db'), ['pw123'])).toBe('migrate failed: connect ECONNREFUSED postgres://app:***@db')
    expect(failureMessage('notify', 'plain string')).toBe('notify failed: plain string')
  })
})

describe('dispatcher defaults', () => {
  it('fills only the inputs the caller left empty', () => {
    const env: NodeJS.ProcessEnv = { INPUT_TIMEOUT: '', INPUT_RETRIES: '5' }
    applyDefaults(env, { timeout: '30s', retries: '2', 'max-attempts': '3', 'fail on error': 'false' })
    expect(env).toEqual({ INPUT_TIMEOUT: '30s', INPUT_RETRIES: '5', 'INPUT_MAX-ATTEMPTS': '3', INPUT_FAIL_ON_ERROR: 'false' })
  })
})

describe('runner file-command parsing', () => {
  it('reads name=value lines and heredoc blocks', () =>
    expect(parseFileCommand('a=1\nreport<<ghadelimiter_1\n{"x":\n1}\nghadelimiter_1\nb=x=y\n')).toEqual({ a: '1', report: '{"x":\n1}', b: 'x=y' }))
})

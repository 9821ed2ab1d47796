import { describe, expect, it } from '@jest/globals'
import { exactlyOneOf, parseBoolean, parseDuration, parseEnum, parseKeyValueMap, parseList, parseNumber, parseSingleLine, parseUrl } from '../../../../packages/core/parsers.js'
import { InputError } from '../../../../packages/core/input-error.js'

describe('parseBoolean', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['yes', true],
    ['1', true],
    ['false', false],
    ['off', false],
    ['', false]
  ])('%p → %p', (raw, expected) => expect(parseBoolean('verify', raw)).toBe(expected))

  it('uses the fallback when empty', () => expect(parseBoolean('verify', '  ', true)).toBe(true))

  it('names the input when the value is not a boolean', () =>
    expect(() => parseBoolean('verify', 'maybe')).toThrow('Input "verify" is "maybe", which is not a boolean; expected true or false.'))
})

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['250ms', 250],
    ['1.5s', 1500],
    ['30', 30_000],
    [' 2m 10s ', 130_000]
  ])('%p → %p ms', (raw, expected) => expect(parseDuration('timeout', raw)).toBe(expected))

  it('uses the fallback when empty', () => expect(parseDuration('timeout', '', 5000)).toBe(5000))

  it.each(['5 minutes', '-1s', 'm5', '10x', '1h-5m'])('rejects %p naming the input', (raw) =>
    expect(() => parseDuration('timeout', raw)).toThrow(/^Input "timeout" is ".*", which is not a duration; expected a duration such as 30s/)
  )

  it('rejects empty without fallback', () => expect(() => parseDuration('timeout', '')).toThrow('Input "timeout" is empty'))
})

describe('parseNumber', () => {
  it.each([
    ['3', {}, 3],
    ['0.5', {}, 0.5],
    ['0', { min: 0 }, 0],
    ['', { min: 0 }, 7]
  ] as const)('%p with %p', (raw, rules, expected) => expect(parseNumber('retries', raw, 7, rules)).toBe(expected))

  it.each([
    ['-1', { min: 0 }, 'Input "retries" is -1, which is out of range; expected a number of at least 0.'],
    ['abc', {}, 'Input "retries" is "abc", which is not a number; expected a number.'],
    ['1.5', { integer: true, min: 0 }, 'Input "retries" is "1.5", which is not a whole number; expected a whole number of at least 0.'],
    ['11', { min: 1, max: 10 }, 'Input "retries" is 11, which is out of range; expected a number from 1 to 10.']
  ] as const)('%p with %p fails: %s', (raw, rules, message) => expect(() => parseNumber('retries', raw, undefined, rules)).toThrow(message))
})

describe('parseList and parseKeyValueMap', () => {
  it('splits lists on newlines and commas', () => expect(parseList('a, b\nc\n\n ,d')).toEqual(['a', 'b', 'c', 'd']))

  it('reads key=value lines, keeping = inside values', () =>
    expect(parseKeyValueMap('headers', 'Accept=application/json\nX-Sig=a=b==\n')).toEqual({ Accept: 'application/json', 'X-Sig': 'a=b==' }))

  it('reads comma-separated pairs on one line', () => expect(parseKeyValueMap('tags', 'env=prod, team=web')).toEqual({ env: 'prod', team: 'web' }))

  it('rejects an entry without a key', () =>
    expect(() => parseKeyValueMap('headers', 'Accept')).toThrow('Input "headers" entry 1 is not a key=value pair (the value is not shown: it may be a secret); expected lines of key=value.'))

  it('never repeats a malformed entry, which may be a credential', () => {
    let message = ''
    try {
      parseKeyValueMap('headers', 'Accept=text/plain\nAuthorization: Bearer s3cr3t-token')
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toBe('Input "headers" entry 2 is not a key=value pair (the value is not shown: it may be a secret); expected lines of key=value.')
    expect(message).not.toContain('s3cr3t')
  })

  it.each([
    ['X-Evil\u0001=1', 'has a key with characters outside'],
    ['X A=1', 'has a key with characters outside'],
    ['X-Trace=a\tb', 'entry 1 ("X-Trace") has a control character in its value']
  ])('rejects %j', (raw, problem) => expect(() => parseKeyValueMap('headers', raw)).toThrow(problem))
})

describe('parseSingleLine', () => {
  it('trims surrounding whitespace', () => expect(parseSingleLine('environment', '  production \n')).toBe('production'))

  it.each([
    ['prod\nuction', 'U+000A at position 5'],
    ['/hook\r\nX-Evil: 1', 'U+000D at position 6'],
    ['/he\talth', 'U+0009 at position 4'],
    ['a\u007fb', 'U+007F at position 2'],
    ['a\u0085b', 'U+0085 at position 2']
  ])('refuses %j naming the position', (raw, where) =>
    expect(() => parseSingleLine('url', raw)).toThrow(`Input "url" has a control character (${where}); expected a single line of printable characters.`)
  )

  it('refuses a URL with a control character inside instead of encoding it', () =>
    expect(() => parseUrl('webhook-url', 'https://example.com/hook\r\nX-Evil: 1')).toThrow('Input "webhook-url" has a control character (U+000D at position 25)'))
})

describe('parseEnum, parseUrl, exactlyOneOf', () => {
  it('accepts allowed values and falls back when empty', () => {
    expect(parseEnum('engine', 'sqlite', ['postgres', 'sqlite'])).toBe('sqlite')
    expect(parseEnum('engine', '', ['postgres', 'sqlite'], 'postgres')).toBe('postgres')
  })

  it('lists the allowed values', () =>
    expect(() => parseEnum('engine', 'oracle', ['postgres', 'sqlite'])).toThrow('Input "engine" is "oracle", which is not allowed; expected one of postgres, sqlite.'))

  it('parses URLs and never repeats a bad one (it may hold credentials)', () => {
    expect(parseUrl('url', 'https://example.com/health').host).toBe('example.com')
    let message = ''
    try {
      parseUrl('webhook-url', 'hooks.slack.com/services/T000/B000/secretpart')
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toBe('Input "webhook-url" is not a valid URL; expected an absolute URL (http:// or https://…).')
    expect(() => parseUrl('url', 'ftp://x/y')).toThrow('Input "url" uses the ftp scheme; expected a URL starting with http:// or https://.')
  })

  it('requires exactly one of a set', () => {
    expect(exactlyOneOf({ url: 'http://x', 'checks-file': '' })).toBe('url')
    expect(() => exactlyOneOf({ url: '', 'checks-file': '' })).toThrow('Input "url" is missing (and so is "checks-file"); expected one of "url" or "checks-file".')
    expect(() => exactlyOneOf({ url: 'a', 'checks-file': 'b' })).toThrow('Input "checks-file" cannot be combined with "url"; expected only one of "url" or "checks-file".')
  })

  it('throws InputError carrying the input name', () => {
    try {
      parseEnum('status', 'meh', ['success'])
    } catch (error) {
      expect(error).toBeInstanceOf(InputError)
      expect((error as InputError).input).toBe('status')
    }
    expect.assertions(2)
  })
})

import { describe, expect, test } from '@jest/globals'
import { InputError } from '../../../../../packages/core/input-error.js'
import { apiBaseUrl, optionalUrl, parseRequiredId, parseSecretToken } from '../../../../../packages/providers/traffic/platform-config.js'

const TOKEN = /^tok_[a-z0-9]{8}$/
const tokenWords = { kind: 'Sample token', empty: 'a Sample token (from a secret)', expected: 'tok_ and 8 letters or digits' }
const ID = /^srv-[a-z0-9]{4,}$/
const idWords = { empty: 'the service id', notA: 'a service id', expected: 'srv- and letters or digits' }

function failure(run: () => unknown): InputError {
  try {
    run()
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
  throw new Error('expected an InputError')
}

describe('parseSecretToken', () => {
  test('a token in the form is returned trimmed', () => {
    expect(parseSecretToken('example-token', '  tok_abcd1234\n', TOKEN, tokenWords)).toBe('tok_abcd1234')
  })
  test.each([
    ['empty', '', 'Input "example-token" is empty; expected a Sample token (from a secret)'],
    ['blank', '   ', 'Input "example-token" is empty'],
    ['with Bearer', 'Bearer tok_abcd1234', 'Input "example-token" is not in the form of a Sample token (the value is not shown); expected tok_ and 8 letters or digits'],
    ['another form', 's3cr3t-value-of-another-kind', 'Input "example-token" is not in the form of a Sample token (the value is not shown)']
  ])('%s is refused, naming the input', (_name, raw, message) => {
    expect(failure(() => parseSecretToken('example-token', raw, TOKEN, tokenWords)).message).toContain(message)
  })
  test('the refused value never appears in the error (it is a secret)', () => {
    const error = failure(() => parseSecretToken('example-token', 's3cr3t-value-of-another-kind', TOKEN, tokenWords))
    expect(error.message).not.toContain('s3cr3t')
  })
})

describe('parseRequiredId', () => {
  test('an id in the form is returned trimmed', () => {
    expect(parseRequiredId('example-service', ' srv-ab12 ', ID, idWords)).toBe('srv-ab12')
  })
  test.each([
    ['empty', '', 'Input "example-service" is empty; expected the service id'],
    ['a name instead of the id', 'todo-api', 'Input "example-service" is "todo-api", which is not a service id; expected srv- and letters or digits'],
    ['a control character', 'srv-ab12\u0007', 'Input "example-service" has a control character (U+0007 at position 9)']
  ])('%s is refused, naming the input', (_name, raw, message) => {
    expect(failure(() => parseRequiredId('example-service', raw, ID, idWords)).message).toContain(message)
  })
})

describe('optionalUrl and apiBaseUrl', () => {
  test('an empty public URL is none; a given one is parsed', () => {
    expect(optionalUrl('example-public-url', '  ')).toBeUndefined()
    expect(optionalUrl('example-public-url', 'https://todo.example.com')).toBe('https://todo.example.com/')
  })
  test('the protocols a platform accepts are checked, in its order', () => {
    expect(failure(() => optionalUrl('example-public-url', 'ftp://todo.example.com', ['https:', 'http:'])).message).toContain(
      'Input "example-public-url" uses the ftp scheme; expected a URL starting with https:// or http://'
    )
  })
  test('an API base is the fallback when empty and never ends with a slash', () => {
    expect(apiBaseUrl('example-api-url', '', 'https://api.example.com')).toBe('https://api.example.com')
    expect(apiBaseUrl('example-api-url', 'http://127.0.0.1:8080//', 'https://api.example.com')).toBe('http://127.0.0.1:8080')
    expect(apiBaseUrl('example-api-url', 'http://127.0.0.1:8080/base/', 'https://api.example.com')).toBe('http://127.0.0.1:8080/base')
  })
  test('an API base over plain http is refused unless it is a loopback test server: the token would travel in clear text', () => {
    expect(failure(() => apiBaseUrl('example-api-url', 'http://api.example.com', 'https://api.example.com')).message).toContain(
      'Input "example-api-url" is an http:// address, over which the token would travel in clear text'
    )
    expect(apiBaseUrl('example-api-url', 'http://localhost:8080', 'https://api.example.com')).toBe('http://localhost:8080')
    expect(apiBaseUrl('example-api-url', 'http://[::1]:8080', 'https://api.example.com')).toBe('http://[::1]:8080')
    expect(apiBaseUrl('example-api-url', 'https://proxy.example.com/render', 'https://api.example.com')).toBe('https://proxy.example.com/render')
  })
  test('a bad API URL is refused, naming the input', () => {
    expect(failure(() => apiBaseUrl('example-api-url', 'not a url', 'https://api.example.com')).message).toContain('Input "example-api-url" is not a valid URL')
  })
})

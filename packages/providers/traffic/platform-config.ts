import { InputError } from '../../core/input-error.js'
import { parseSingleLine, parseUrl } from '../../core/parsers.js'

/**
 * Input checks the platform providers (Vercel, Render, Railway) share. Pure; every problem is an
 * InputError naming the input, raised before any call.
 */

/** A secret token: required, in the platform's form. Never quoted in an error: the value is a secret. */
export function parseSecretToken(name: string, raw: string, form: RegExp, words: { kind: string; empty: string; expected: string }): string {
  const token = raw.trim()
  if (token === '') throw new InputError(name, 'is empty', words.empty)
  if (!form.test(token)) throw new InputError(name, `is not in the form of a ${words.kind} (the value is not shown)`, words.expected)
  return token
}

/** A required identifier (a project, a service): one line in the platform's form; `notA` completes "which is not …". */
export function parseRequiredId(name: string, raw: string, form: RegExp, words: { empty: string; notA: string; expected: string }): string {
  const value = parseSingleLine(name, raw)
  if (value === '') throw new InputError(name, 'is empty', words.empty)
  if (!form.test(value)) throw new InputError(name, `is "${value}", which is not ${words.notA}`, words.expected)
  return value
}

/** An optional address (`*-public-url`): none when empty, else the URL as parsed. */
export function optionalUrl(name: string, raw: string, protocols?: readonly string[]): string | undefined {
  return raw.trim() === '' ? undefined : parseUrl(name, raw, protocols).toString()
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** A platform API's base address (`*-api-url`, where a test points at its fake): `fallback` when empty, never with a trailing slash; plain http only on loopback (the token goes with every call). */
export function apiBaseUrl(name: string, raw: string, fallback: string): string {
  if (raw.trim() === '') return fallback
  return platformApiUrl(name, raw).replace(/\/+$/, '')
}

/** A platform API's address as given; plain http only on loopback (the token goes with every call). */
export function platformApiUrl(name: string, raw: string): string {
  const url = parseUrl(name, raw)
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname))
    throw new InputError(name, 'is an http:// address, over which the token would travel in clear text', 'an https:// address (plain http only for a test server on 127.0.0.1 or localhost)')
  return url.toString()
}

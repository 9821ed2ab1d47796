import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { readEventPayload } from '../../../../packages/core/event.js'

describe('readEventPayload', () => {
  const dir = mkdtempSync(join(tmpdir(), 'event-'))

  it('reads the payload GITHUB_EVENT_PATH names', () => {
    const path = join(dir, 'event.json')
    writeFileSync(path, '{"pull_request":{"number":7}}')
    expect(readEventPayload({ GITHUB_EVENT_PATH: path })).toEqual({ pull_request: { number: 7 } })
  })

  it.each([
    ['no GITHUB_EVENT_PATH', {}],
    ['a missing file', { GITHUB_EVENT_PATH: join(dir, 'missing.json') }],
    ['a file that is not JSON', { GITHUB_EVENT_PATH: (writeFileSync(join(dir, 'bad.json'), 'not json'), join(dir, 'bad.json')) }]
  ])('is {} with %s', (_name, env) => expect(readEventPayload(env)).toEqual({}))
})

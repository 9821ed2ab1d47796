import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { sectionFor } from '../../../scripts/release-notes.mjs'
import { repoRoot } from '../../support/paths.js'

const changelog = ['# Changelog', '', '## [Unreleased]', '- next', '', '## [1.2.0] - 2026-11-01', '- added x', '- fixed y', '', '## [1.1.10]', '- old', ''].join('\n')

describe('release notes from CHANGELOG.md', () => {
  it.each([
    ['v1.2.0', '- added x\n- fixed y'],
    ['1.2.0', '- added x\n- fixed y'],
    ['v1.1.10', '- old']
  ])('%s takes its own section only', (tag, notes) => expect(sectionFor(changelog, tag)).toBe(notes))

  it('does not take 1.1.1 for 1.1.10 or a missing version', () => {
    expect(sectionFor(changelog, 'v1.1.1')).toBeUndefined()
    expect(sectionFor(changelog, 'v9.0.0')).toBeUndefined()
  })

  it('reads the repository changelog, which has an Unreleased section', () => {
    const text = readFileSync(join(repoRoot, 'CHANGELOG.md'), 'utf8')
    expect(sectionFor(text, 'Unreleased')).toMatch(/\S/)
  })
})

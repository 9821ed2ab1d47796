#!/usr/bin/env node
// Prints the section of CHANGELOG.md for one version (`## [1.2.3]` or `## 1.2.3`), for the
// release workflow's notes. Fails, naming the version, when the changelog has no such section —
// a release without notes is a release nobody can read.
//   node scripts/release-notes.mjs v1.2.3 [CHANGELOG.md]
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

export function sectionFor(changelog, tag) {
  const version = tag.replace(/^v/, '')
  const lines = changelog.split(/\r?\n/)
  const heading = new RegExp(`^##\\s+\\[?v?${version.replace(/\./g, '\\.')}\\]?(\\s|$)`)
  const start = lines.findIndex((line) => heading.test(line))
  if (start < 0) return undefined
  const next = lines.findIndex((line, index) => index > start && /^##\s/.test(line))
  return lines
    .slice(start + 1, next < 0 ? undefined : next)
    .join('\n')
    .trim()
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [tag, file = 'CHANGELOG.md'] = process.argv.slice(2)
  if (!tag) {
    console.error('usage: release-notes.mjs <tag> [CHANGELOG.md]')
    process.exit(2)
  }
  const notes = sectionFor(readFileSync(file, 'utf8'), tag)
  if (!notes) {
    console.error(`CHANGELOG.md has no section for ${tag}: add "## [${tag.replace(/^v/, '')}]" with the changes, then tag again.`)
    process.exit(1)
  }
  console.log(notes)
}

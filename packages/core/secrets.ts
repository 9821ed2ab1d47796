import * as core from '@actions/core'

/**
 * Masks a value in every later log line of the job, and remembers it so reports and error
 * messages built by this process can be redacted too. Call it the moment a secret is read or
 * created. A multi-line secret is masked line by line as well, since the runner matches lines.
 */
const known = new Set<string>()

export function maskSecret(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return value
  known.add(value)
  core.setSecret(value)
  for (const line of value.split(/\r?\n/)) {
    if (line.trim().length >= 3 && line !== value) {
      known.add(line)
      core.setSecret(line)
    }
  }
  return value
}

export function knownSecrets(): ReadonlySet<string> {
  return known
}

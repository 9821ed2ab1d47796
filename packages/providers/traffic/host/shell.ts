/** POSIX shell quoting for command lines run on the server (pure). */

const SAFE = /^[A-Za-z0-9_./:=@%+,-]+$/

export function shellQuote(word: string): string {
  if (word !== '' && SAFE.test(word)) return word
  return `'${word.replace(/'/g, `'\\''`)}'`
}

export function commandLine(words: readonly string[]): string {
  return words.map(shellQuote).join(' ')
}

/** `export KEY='value'` lines for a file sourced by sh; keys must be valid variable names. */
export function shellEnvFile(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([key, value]) => `export ${key}=${shellQuote(value)}\n`)
    .join('')
}

export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

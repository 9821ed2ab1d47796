/**
 * .dockerignore patterns (Go filepath.Match syntax plus `**`, `!` exceptions, the last match
 * wins), as docker and buildah apply them to the build context. Pure.
 */
export interface IgnoreRule {
  negate: boolean
  pattern: RegExp
}

export function parseDockerignore(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = []
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const negate = line.startsWith('!')
    if (negate) line = line.slice(1).trim()
    line = line.replace(/^\/+/, '').replace(/\/+$/, '').replace(/^\.\//, '')
    if (line === '') continue
    rules.push({ negate, pattern: globToRegExp(line) })
  }
  return rules
}

function globToRegExp(glob: string): RegExp {
  let source = ''
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` matches any number of directories, `**` at the end anything below.
      if (glob[i + 2] === '/') {
        source += '(?:.*/)?'
        i += 2
      } else {
        source += '.*'
        i += 1
      }
    } else if (c === '*') source += '[^/]*'
    else if (c === '?') source += '[^/]'
    else if (c === '[') {
      const end = glob.indexOf(']', i)
      if (end < 0) source += '\\['
      else {
        source += `[${glob
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`
        i = end
      }
    } else source += c.replace(/[.+^${}()|\\]/g, '\\$&')
  }
  // A pattern matching a directory excludes everything in it.
  return new RegExp(`^${source}(?:/.*)?$`)
}

/** Whether a context-relative path (with / separators) is left out of the build context. */
export function isIgnored(path: string, rules: IgnoreRule[]): boolean {
  let ignored = false
  for (const rule of rules) if (rule.pattern.test(path)) ignored = !rule.negate
  return ignored
}

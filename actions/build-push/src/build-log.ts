/**
 * Reads a build's log for warnings, which become annotations, and decides whether a failed run
 * is worth another attempt. Pure; tested on recorded lines of docker buildx and buildah.
 */
export interface BuildWarning {
  message: string
  /** The Dockerfile line a build check points at. */
  line?: number
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g

export function buildWarnings(output: string): BuildWarning[] {
  const warnings: BuildWarning[] = []
  for (const raw of output.split(/\r?\n/)) {
    const line = raw.replace(ANSI, '').trim()
    // buildx build checks: " - SecretsUsedInArgOrEnv: Do not use ARG … (line 4)"
    const check = /^-\s+([A-Za-z]+):\s+(.*?)\s+\(line (\d+)\)$/.exec(line)
    if (check) {
      warnings.push({ message: `${check[1]}: ${check[2]}`, line: Number(check[3]) })
      continue
    }
    const buildx = /^(?:#\d+\s+[\d.]+\s+)?WARNING:\s*(.+)$/.exec(line)
    if (buildx) {
      warnings.push({ message: buildx[1] })
      continue
    }
    // buildah / containers libraries: [Warning] …, WARN[0000] … or level=warning msg="…"
    const logrus = /^\[Warning\]\s*(.+)$/.exec(line) ?? /^WARN\[\d+\]\s*(.+)$/.exec(line) ?? /level=warning msg="((?:[^"\\]|\\.)*)"/.exec(line)
    if (logrus) warnings.push({ message: logrus[1] })
  }
  return warnings
}

const RETRYABLE =
  /\b(429|too many requests|toomanyrequests|50[0234]|bad gateway|service unavailable|gateway time-?out|connection reset|connection refused|i\/o timeout|tls handshake timeout|unexpected eof)\b/i

/** A push that failed this way may succeed on another attempt (docker pushes itself). */
export function isRetryableFailure(output: string): boolean {
  return RETRYABLE.test(output.replace(ANSI, ''))
}

import { dirname } from 'node:path/posix'
import { shellQuote } from './shell.js'

/** Shell command lines for file operations through any transport (pure). */

/** Exit 0 with the content, 3 when the file does not exist. */
export function readFileCommand(path: string): string {
  const p = shellQuote(path)
  return `if [ -e ${p} ]; then cat -- ${p}; else exit 3; fi`
}

/** Content on stdin → temporary file beside the target → rename over it (atomic on one filesystem). */
export function writeFileAtomicCommand(path: string, secret: boolean): string {
  const p = shellQuote(path)
  const umask = secret ? 'umask 077; ' : ''
  return `${umask}mkdir -p -- ${shellQuote(dirname(path))} && t=${p}.$$.tmp && cat > "$t" && mv -f -- "$t" ${p} || { rm -f -- "$t"; exit 1; }`
}

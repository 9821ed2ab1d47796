/**
 * Migration versions: digits, optionally in parts separated by dots or underscores (Flyway's
 * `1.2.10` or `1_2_10`). Parts compare as numbers, leading zeros and trailing `.0` parts do not
 * count: `010` equals `10`, `1.0` equals `1`, `1.2` comes before `1.10`. Pure.
 */

export const VERSION_PATTERN = /^\d+([._]\d+)*$/

export function isVersion(version: string): boolean {
  return VERSION_PATTERN.test(version)
}

function parts(version: string): bigint[] {
  const numbers = version.split(/[._]/).map((part) => BigInt(part))
  while (numbers.length > 1 && numbers.at(-1) === 0n) numbers.pop()
  return numbers
}

/** The version's canonical spelling, equal for versions that are the same number ("010" and "10"). */
export function versionKey(version: string): string {
  return parts(version).join('.')
}

export function compareVersions(a: string, b: string): number {
  const x = parts(a)
  const y = parts(b)
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i] ?? 0n
    const q = y[i] ?? 0n
    if (p !== q) return p < q ? -1 : 1
  }
  return 0
}

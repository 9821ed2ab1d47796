/** Replaces every occurrence of each secret with `***`. Pure: for reports and error messages. */
export function redact(text: string, secrets: Iterable<string>): string {
  let result = text
  const sorted = [...new Set(secrets)].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length)
  for (const secret of sorted) result = result.split(secret).join('***')
  return result
}

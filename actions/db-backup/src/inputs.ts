import { input, secretInput } from '../../../packages/core/action-input.js'
import { maskSecret } from '../../../packages/core/secrets.js'
import { databaseUrlSecrets } from '../../../packages/db/database-url.js'
import { INPUT_NAMES, SECRET_INPUTS, parseDbBackupInputs, type Inputs, type RawInputs } from './parse-inputs.js'

export type { DumpInputs, Inputs, SnapshotInputs } from './parse-inputs.js'

/** Reads every input (masking secrets, and the secrets inside them, the moment they are read) and validates them all. */
export function getInputs(env: Record<string, string | undefined> = process.env): Inputs {
  const raw = Object.fromEntries(INPUT_NAMES.map((name) => [name, SECRET_INPUTS.includes(name) ? secretInput(name) : input(name)])) as RawInputs
  for (const secret of databaseUrlSecrets(raw['database-url'] ?? '')) maskSecret(secret)
  // The account key or SAS inside a connection string is a secret of its own too.
  for (const part of (raw['azure-connection-string'] ?? '').matchAll(/(?:AccountKey|SharedAccessSignature)=([^;]+)/gi)) maskSecret(part[1])
  const inputs = parseDbBackupInputs(raw, env)
  if (inputs.kind === 'dump' && inputs.encryptionKey) maskSecret(inputs.encryptionKey.toString('base64'))
  return inputs
}

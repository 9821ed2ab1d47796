import { InputError, isInputError } from '../../../packages/core/input-error.js'
import type { Logger } from '../../../packages/core/log.js'
import { formatBytes, formatMs } from '../../../packages/core/markdown.js'
import { DecryptionError } from '../../../packages/backup/aes-gcm-frames.js'
import { feedTool } from '../../../packages/backup/tool-process.js'
import { createBackupStore } from '../../../packages/providers/backup-store/factory.js'
import type { BackupMetadata, BackupStore, StoredObject } from '../../../packages/providers/backup-store/types.js'
import { StoreCheckError } from '../../../packages/providers/backup-store/store-error.js'
import type { DatabaseEngine } from './engines/engine.js'
import { engineFor } from './engines/index.js'
import type { DumpInputs } from './inputs.js'
import { backupId, backupKey, dumpExtension, environmentPrefix, idOfKey } from './naming.js'
import { checkBackup, openDecoded, writeBackup } from './pipeline.js'
import { applyRetentionPlan } from './retention-apply.js'
import { planRetention } from './retention-plan.js'
import type { BackupReport } from './report.js'

/** Backup and restore for the dump engines (postgres, mysql, sqlite). */

export interface FlowResult {
  outputs: Record<string, string>
  report: BackupReport
}

export interface FlowDeps {
  logger: Logger
  now?: () => Date
  signal?: AbortSignal
  /** Folds a long phase in the log (core.group); without it the phase just runs. */
  group?: <T>(name: string, phase: () => Promise<T>) => Promise<T>
}

const ungrouped = <T>(_name: string, phase: () => Promise<T>): Promise<T> => phase()

async function openStore(inputs: DumpInputs, logger: Logger, checkPrefix: string): Promise<BackupStore> {
  const store = await createBackupStore({ destination: inputs.destination, azure: inputs.azure, s3: inputs.s3, logger })
  try {
    await store.check(checkPrefix)
  } catch (error) {
    if (!(error instanceof StoreCheckError)) throw error
    throw new InputError(credentialInput(inputs, error.reason), `cannot be used: ${error.message}`, expectedFor(inputs, error.reason))
  }
  return store
}

function credentialInput(inputs: DumpInputs, reason: StoreCheckError['reason']): string {
  if (reason !== 'auth') return inputs.restore?.uriKey !== undefined ? 'uri' : 'destination'
  if (inputs.destination.kind === 'azure-blob') return inputs.azure.connectionString ? 'azure-connection-string' : inputs.azure.sasToken ? 'azure-sas-token' : 'azure-storage-account'
  return 'aws-access-key-id'
}

function expectedFor(inputs: DumpInputs, reason: StoreCheckError['reason']): string {
  if (reason === 'not-found') return 'an existing container or bucket'
  if (reason === 'auth') {
    return inputs.destination.kind === 'azure-blob'
      ? 'a connection string or SAS token with read, write, list and delete rights, or an Azure login with Storage Blob Data Contributor'
      : 'AWS credentials (the inputs, or a configured default chain such as aws-actions/configure-aws-credentials)'
  }
  return 'a reachable store'
}

/** The `timeout` input as a signal, and the error to report when it is what stopped the run. */
function deadline(timeoutMs: number, outer?: AbortSignal): { signal: AbortSignal; explain: (error: unknown, committed: string | undefined) => unknown } {
  const timeout = AbortSignal.timeout(timeoutMs)
  return {
    signal: AbortSignal.any([timeout, ...(outer ? [outer] : [])]),
    explain: (error, committed) => {
      if (isInputError(error)) return error
      const outcome = committed ? `backup ${committed} was committed before that` : 'nothing was committed'
      if (timeout.aborted) return new Error(`did not finish within ${formatMs(timeoutMs)} (input "timeout"); ${outcome}`)
      if (outer?.aborted) return new Error(`${(outer.reason as Error)?.message ?? 'cancelled'}; ${outcome}`)
      return error
    }
  }
}

/** What a run has made visible so far, for the message when it is cut short. */
interface RunState {
  committed?: string
}

export async function runDumpBackup(inputs: DumpInputs, deps: FlowDeps): Promise<FlowResult> {
  const limit = deadline(inputs.timeoutMs, deps.signal)
  const state: RunState = {}
  try {
    return await backupWithin(inputs, deps, limit.signal, state)
  } catch (error) {
    throw limit.explain(error, state.committed)
  }
}

export async function runDumpRestore(inputs: DumpInputs, deps: FlowDeps): Promise<FlowResult> {
  const limit = deadline(inputs.timeoutMs, deps.signal)
  try {
    return await restoreWithin(inputs, deps, limit.signal)
  } catch (error) {
    throw limit.explain(error, undefined)
  }
}

async function backupWithin(inputs: DumpInputs, deps: FlowDeps, signal: AbortSignal, state: RunState): Promise<FlowResult> {
  const { logger } = deps
  const group = deps.group ?? ungrouped
  const now = deps.now ?? (() => new Date())
  const engine = engineFor(inputs.database, inputs.timeoutMs)
  const facts = await engine.probe({ forVerify: inputs.verify, forDump: true, signal })
  logger.info(`${engine.description}: ${facts.serverVersion}, ${facts.tableCount} tables`)
  const folder = environmentPrefix(inputs.destination.prefix, inputs.environment)
  const store = await openStore(inputs, logger, folder)

  const started = performance.now()
  const createdAt = now()
  const id = backupId(createdAt, inputs.deploymentId)
  const key = backupKey(inputs.destination.prefix, inputs.environment, id, dumpExtension(inputs.engine, inputs.compression, Boolean(inputs.encryptionKey)))
  const { stored, dumpBytes, compressedBy } = await group(`dump and upload to ${store.uri(key)}`, async () => {
    logger.info(`backing up to ${store.uri(key)} (${inputs.compression}${inputs.encryptionKey ? ', AES-256-GCM' : ''})`)
    const source = await engine.dump({ compressedLater: inputs.compression !== 'none', signal })
    return writeBackup({
      source,
      store,
      key,
      compression: inputs.compression,
      encryptionKey: inputs.encryptionKey,
      metadata: {
        engine: inputs.engine,
        serverVersion: facts.serverVersion,
        createdAt: createdAt.toISOString(),
        compression: inputs.compression,
        encryption: inputs.encryptionKey ? 'aes-256-gcm' : 'none',
        environment: inputs.environment,
        deploymentId: inputs.deploymentId
      },
      logger,
      progressIntervalMs: inputs.progressIntervalMs,
      signal
    })
  })
  state.committed = id
  const metadata = stored.metadata as BackupMetadata
  logger.info(`stored ${formatBytes(metadata.sizeBytes)} (${formatBytes(dumpBytes)} dumped, compressed by ${compressedBy}), sha256 ${metadata.sha256}`)

  let verification = 'not requested'
  if (inputs.verify) {
    try {
      verification = await group('verify', () => verifyBackup(engine, store, stored, inputs, facts, signal, logger))
    } catch (error) {
      // An unreadable backup must not count as the newest good one: remove it, then fail.
      const removed = await store.delete(key).then(
        () => true,
        () => false
      )
      if (removed) state.committed = undefined
      if (!removed) throw new Error(`verification of ${id} failed and the backup could not be deleted (remove ${stored.uri} by hand): ${(error as Error).message}`, { cause: error })
      throw new Error(`verification of ${id} failed, so the backup was deleted: ${(error as Error).message}`, { cause: error })
    }
    logger.info(`verified: ${verification}`)
  }
  const durationMs = performance.now() - started

  const retention =
    inputs.retention.keepLast === undefined && inputs.retention.maxAgeMs === undefined ? undefined : await group('retention', () => applyRetention(inputs, store, folder, key, now(), logger))
  return {
    outputs: {
      'backup-id': id,
      uri: stored.uri,
      'size-bytes': String(metadata.sizeBytes),
      sha256: metadata.sha256,
      'duration-seconds': (durationMs / 1000).toFixed(1),
      'retention-deleted': JSON.stringify(retention?.deleted ?? [])
    },
    report: {
      mode: 'backup',
      engine: inputs.engine,
      database: engine.description,
      backupId: id,
      uri: stored.uri,
      sizeBytes: metadata.sizeBytes,
      sha256: metadata.sha256,
      durationMs,
      compression: inputs.compression,
      compressedBy,
      encryption: metadata.encryption,
      serverVersion: facts.serverVersion,
      verification,
      ...(retention ? { retention } : {})
    }
  }
}

async function verifyBackup(
  engine: DatabaseEngine,
  store: BackupStore,
  stored: StoredObject,
  inputs: DumpInputs,
  facts: { serverVersion: string; tableCount: number },
  signal: AbortSignal,
  logger: Logger
): Promise<string> {
  const metadata = stored.metadata as BackupMetadata
  const decode = { store, key: stored.key, metadata, encryptionKey: inputs.encryptionKey, signal, logger, progressIntervalMs: inputs.progressIntervalMs, label: 'verify' }
  // The verification restore reads the stored object through the digest check: a mismatch fails it.
  const proof = await engine.verify(() => openDecoded(decode), facts, signal, logger)
  return `sha256 re-read and matched; ${proof}`
}

async function applyRetention(inputs: DumpInputs, store: BackupStore, folder: string, justCreated: string, now: Date, logger: Logger): Promise<BackupReport['retention']> {
  const { keepLast, maxAgeMs } = inputs.retention
  if (keepLast === undefined && maxAgeMs === undefined) return undefined
  // Only complete backups of this engine named by this suite; keyed by backup id.
  const keys = new Map<string, string>()
  const candidates = []
  for (const o of await store.list(folder)) {
    const id = idOfKey(o.key)
    if (!o.metadata || id === undefined || o.metadata.engine !== inputs.engine) continue
    keys.set(id, o.key)
    candidates.push({ id, createdAt: o.metadata.createdAt, complete: true })
  }
  const decisions = planRetention(candidates, inputs.retention, now, idOfKey(justCreated))
  return applyRetentionPlan(decisions, inputs.retentionDryRun, (id) => store.delete(keys.get(id)!), logger)
}

async function restoreWithin(inputs: DumpInputs, deps: FlowDeps, signal: AbortSignal): Promise<FlowResult> {
  const { logger } = deps
  const group = deps.group ?? ungrouped
  const engine = engineFor(inputs.database, inputs.timeoutMs)
  if (inputs.engine !== 'sqlite') await engine.probe({ forVerify: false, forDump: false, signal })
  const folder = environmentPrefix(inputs.destination.prefix, inputs.environment)
  const store = await openStore(inputs, logger, inputs.restore?.uriKey !== undefined ? '' : folder)
  const object = await findBackup(inputs, store, folder)
  const metadata = object.metadata as BackupMetadata
  const id = idOfKey(object.key) ?? object.key
  if (metadata.engine !== inputs.engine) {
    throw new InputError('engine', `is ${inputs.engine}, but backup ${id} was made by ${metadata.engine}`, `engine: ${metadata.engine}`)
  }
  if (metadata.encryption !== 'none' && !inputs.encryptionKey) {
    throw new InputError('encryption-key', `is empty, but backup ${id} is encrypted (${metadata.encryption})`, 'the key the backup was made with')
  }
  const started = performance.now()
  const decode = { store, key: object.key, metadata, encryptionKey: inputs.encryptionKey, signal, logger, progressIntervalMs: inputs.progressIntervalMs }

  // Pass 1, before the target is touched: every stored byte against the digest, every frame
  // authenticated with the key, the whole stream decompressed.
  try {
    await group(`check ${object.uri}`, async () => {
      logger.info(`checking ${object.uri} (${formatBytes(metadata.sizeBytes)}) before restoring`)
      await checkBackup({ ...decode, label: 'checked' })
    })
  } catch (error) {
    if (error instanceof DecryptionError)
      throw new InputError('encryption-key', `cannot decrypt backup ${id}: ${error.message}; the target was not touched`, 'the key the backup was made with')
    throw new Error(`backup ${id} failed its check, so the target was not touched: ${(error as Error).message}`, { cause: error })
  }
  logger.info('digest matched; restoring')

  // Pass 2: the same checks again while streaming into the target; a mismatch kills the restore
  // tool before it can commit (pg_restore runs in a single transaction).
  await group(`restore into ${engine.description}`, async () => {
    const target = await engine.restore(signal, logger)
    const source = await openDecoded({ ...decode, onMismatch: () => target.abort(), label: 'restored' })
    await feedTool(source, target)
  })
  const durationMs = performance.now() - started
  logger.info(`restored ${id} into ${engine.description}`)
  return {
    outputs: {
      'backup-id': id,
      uri: object.uri,
      'size-bytes': String(metadata.sizeBytes),
      sha256: metadata.sha256,
      'duration-seconds': (durationMs / 1000).toFixed(1)
    },
    report: {
      mode: 'restore',
      engine: inputs.engine,
      database: engine.description,
      backupId: id,
      uri: object.uri,
      sizeBytes: metadata.sizeBytes,
      sha256: metadata.sha256,
      durationMs,
      compression: metadata.compression,
      encryption: metadata.encryption,
      serverVersion: metadata.serverVersion,
      verification: 'sha256 matched and decoded in full before the restore started'
    }
  }
}

async function findBackup(inputs: DumpInputs, store: BackupStore, folder: string): Promise<StoredObject> {
  const restore = inputs.restore ?? {}
  if (restore.uriKey !== undefined) {
    const object = await store.head(restore.uriKey)
    if (!object) throw new InputError('uri', 'names an object that does not exist', 'the uri output of a backup run')
    if (!object.metadata) throw new InputError('uri', 'names an object that is not a complete backup (no recorded digest)', 'the uri output of a successful backup run')
    return object
  }
  const complete = (await store.list(folder)).filter((o) => o.metadata && idOfKey(o.key) !== undefined).sort((a, b) => Date.parse(b.metadata!.createdAt) - Date.parse(a.metadata!.createdAt))
  const wanted = restore.backupId
  const match = wanted === 'latest' ? complete.find((o) => o.metadata!.engine === inputs.engine) : complete.find((o) => idOfKey(o.key) === wanted)
  if (!match) {
    throw new InputError(
      'backup-id',
      wanted === 'latest' ? `is latest, but ${store.uri(folder)} holds no complete ${inputs.engine} backup` : `is "${wanted}", which is not a complete backup in ${store.uri(folder)}`,
      'the backup-id output of a successful backup run for this environment'
    )
  }
  return match
}

import type { Logger } from '../../../packages/core/log.js'
import { writeAuthFile } from '../../../packages/providers/registry/auth-file.js'
import { RegistryClient } from '../../../packages/providers/registry/distribution/client.js'
import { registryProvider } from '../../../packages/providers/registry/factory.js'
import type { RegistryCredential, RegistrySpec } from '../../../packages/providers/registry/types.js'

/**
 * Signs in to every registry of the run, writes the one credentials file the engines read, and
 * hands out distribution API clients that share those credentials and the retry policy.
 */
export interface SessionOptions {
  attempts: number
  attemptTimeoutMs: number
  logger: Logger
  signal?: AbortSignal
  mask: (value: string) => void
  env: Record<string, string | undefined>
}

export class RegistrySession {
  private readonly clients = new Map<string, RegistryClient>()

  private constructor(
    readonly specs: RegistrySpec[],
    readonly credentials: Map<string, RegistryCredential>,
    readonly authDir: string,
    readonly authFile: string,
    private readonly options: SessionOptions
  ) {}

  static async open(specs: RegistrySpec[], tempDir: string, options: SessionOptions, onAuthDir: (dir: string) => void): Promise<RegistrySession> {
    const credentials = new Map<string, RegistryCredential>()
    for (const spec of specs) {
      const provider = await registryProvider(spec.kind)
      const credential = await provider.login(spec, { signal: options.signal, mask: options.mask, env: options.env })
      if (credential) {
        options.mask(credential.password)
        credentials.set(spec.host, credential)
      }
      options.logger.info(`${spec.host}: ${credential ? `signed in as ${credential.username} (${spec.kind})` : 'no sign-in (anonymous)'}`)
    }
    const { dir, file } = await writeAuthFile(tempDir, credentials, options.env)
    onAuthDir(dir)
    return new RegistrySession(specs, credentials, dir, file, options)
  }

  /** The environment that points docker, buildah and skopeo at the credentials file. */
  engineEnv(): Record<string, string> {
    return { REGISTRY_AUTH_FILE: this.authFile, DOCKER_CONFIG: this.authDir }
  }

  client(host: string): RegistryClient {
    let client = this.clients.get(host)
    if (!client) {
      const spec = this.specs.find((s) => s.host === host)
      client = new RegistryClient(host, {
        credential: this.credentials.get(host),
        insecure: spec?.insecure ?? false,
        attempts: this.options.attempts,
        attemptTimeoutMs: this.options.attemptTimeoutMs,
        logger: this.options.logger,
        signal: this.options.signal
      })
      this.clients.set(host, client)
    }
    return client
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.close()))
  }
}

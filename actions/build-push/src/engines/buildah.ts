import { pairs, repeated, type Engine } from './engine.js'

/**
 * buildah (daemonless). Builds under a local name (a manifest list for several platforms),
 * exports it as an OCI layout, and leaves pushing to the action (retries, Retry-After, several
 * registries from one export, so the digest is the same everywhere). Storage driver and isolation
 * come from the runner's environment (STORAGE_DRIVER, BUILDAH_ISOLATION, CONTAINERS_STORAGE_CONF).
 */
export const buildah: Engine = {
  name: 'buildah',
  capabilities: { provenance: false, sbom: false, load: false, pushesItself: false },
  build(plan) {
    const multi = plan.platforms.length > 1
    const args = [
      'bud',
      ...(plan.file ? ['--file', plan.file] : []),
      ...(plan.ignoreFile ? ['--ignorefile', plan.ignoreFile] : []),
      ...(multi ? ['--manifest', plan.localName] : ['--tag', plan.localName]),
      ...(plan.platforms.length > 0 ? ['--platform', plan.platforms.join(',')] : []),
      ...(plan.target ? ['--target', plan.target] : []),
      ...pairs('--build-arg', plan.buildArgs),
      ...Object.entries(plan.secretFiles).flatMap(([id, file]) => ['--secret', `id=${id},src=${file}`]),
      ...pairs('--label', plan.labels),
      ...pairs('--annotation', plan.annotations),
      ...(plan.cacheFrom.length > 0 || plan.cacheTo.length > 0 ? ['--layers'] : []),
      ...repeated('--cache-from', plan.cacheFrom),
      ...repeated('--cache-to', plan.cacheTo),
      // buildah's switch is not per host: any plain-HTTP registry (a loopback base image or cache) turns it off.
      ...(plan.insecureRegistries.length > 0 ? ['--tls-verify=false'] : []),
      plan.context
    ]
    const exportArgs = multi ? ['manifest', 'push', '--all', plan.localName, `oci:${plan.layoutDir}`] : ['push', plan.localName, `oci:${plan.layoutDir}`]
    return [
      { program: 'buildah', args, step: 'build' },
      { program: 'buildah', args: exportArgs, step: 'export' }
    ]
  },
  cleanup(plan) {
    return [{ program: 'buildah', args: plan.platforms.length > 1 ? ['manifest', 'rm', plan.localName] : ['rmi', plan.localName], step: 'cleanup' }]
  }
}

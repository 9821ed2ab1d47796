import { pairs, repeated, type Engine } from './engine.js'

/**
 * docker buildx (BuildKit). It pushes itself (`--push`) with the credentials in DOCKER_CONFIG;
 * the digest comes from the --metadata-file. Annotations go on the index and the manifests.
 */
export const docker: Engine = {
  name: 'docker',
  capabilities: { provenance: true, sbom: true, load: true, pushesItself: true },
  build(plan) {
    const args = [
      'buildx',
      'build',
      ...(plan.file ? ['--file', plan.file] : []),
      ...repeated('--tag', plan.refs),
      ...(plan.platforms.length > 0 ? ['--platform', plan.platforms.join(',')] : []),
      ...(plan.target ? ['--target', plan.target] : []),
      ...pairs('--build-arg', plan.buildArgs),
      ...Object.entries(plan.secretFiles).flatMap(([id, file]) => ['--secret', `id=${id},src=${file}`]),
      ...pairs('--label', plan.labels),
      ...Object.entries(plan.annotations).flatMap(([key, value]) => ['--annotation', `${plan.platforms.length > 1 ? 'index,manifest' : 'manifest'}:${key}=${value}`]),
      ...repeated('--cache-from', plan.cacheFrom),
      ...repeated('--cache-to', plan.cacheTo),
      ...(plan.provenance !== undefined ? [`--provenance=${plan.provenance === 'false' ? 'false' : `mode=${plan.provenance}`}`] : []),
      ...(plan.sbom ? ['--sbom=true'] : []),
      '--metadata-file',
      plan.metadataFile,
      ...(plan.push ? ['--push'] : []),
      ...(plan.load ? ['--load'] : []),
      plan.context
    ]
    return [{ program: 'docker', args, step: 'build' }]
  }
}

import { describe, expect, test } from '@jest/globals'
import { buildWarnings, isRetryableFailure } from '../../../actions/build-push/src/build-log.js'
import type { BuildPlan } from '../../../actions/build-push/src/engines/engine.js'
import { engine } from '../../../actions/build-push/src/engines/engines.js'

const plan = (overrides: Partial<BuildPlan> = {}): BuildPlan => ({
  context: '.',
  buildArgs: {},
  secretFiles: {},
  platforms: [],
  labels: {},
  annotations: {},
  cacheFrom: [],
  cacheTo: [],
  sbom: false,
  refs: ['ghcr.io/o/app:6dcb09b', 'ghcr.io/o/app:main'],
  push: true,
  load: false,
  insecureRegistries: [],
  localName: 'localhost/build-push-1',
  layoutDir: '/tmp/w/oci',
  metadataFile: '/tmp/w/metadata.json',
  ...overrides
})

describe('docker buildx arguments', () => {
  test.each<[string, Partial<BuildPlan>, string[]]>([
    [
      'the minimum: tags, metadata file, push',
      {},
      ['buildx', 'build', '--tag', 'ghcr.io/o/app:6dcb09b', '--tag', 'ghcr.io/o/app:main', '--metadata-file', '/tmp/w/metadata.json', '--push', '.']
    ],
    [
      'everything',
      {
        file: 'docker/Dockerfile',
        target: 'runtime',
        platforms: ['linux/amd64', 'linux/arm64'],
        buildArgs: { NODE_ENV: 'production' },
        secretFiles: { npm_token: '/tmp/w/secrets/secret-0' },
        labels: { 'org.opencontainers.image.revision': 'abc' },
        annotations: { 'org.opencontainers.image.source': 'https://github.com/o/app' },
        cacheFrom: ['type=gha'],
        cacheTo: ['type=gha,mode=max'],
        provenance: 'max',
        sbom: true,
        refs: ['ghcr.io/o/app:1.0.0'],
        context: 'app'
      },
      [
        'buildx',
        'build',
        '--file',
        'docker/Dockerfile',
        '--tag',
        'ghcr.io/o/app:1.0.0',
        '--platform',
        'linux/amd64,linux/arm64',
        '--target',
        'runtime',
        '--build-arg',
        'NODE_ENV=production',
        '--secret',
        'id=npm_token,src=/tmp/w/secrets/secret-0',
        '--label',
        'org.opencontainers.image.revision=abc',
        '--annotation',
        'index,manifest:org.opencontainers.image.source=https://github.com/o/app',
        '--cache-from',
        'type=gha',
        '--cache-to',
        'type=gha,mode=max',
        '--provenance=mode=max',
        '--sbom=true',
        '--metadata-file',
        '/tmp/w/metadata.json',
        '--push',
        'app'
      ]
    ],
    ['provenance off', { provenance: 'false', refs: [] }, ['buildx', 'build', '--provenance=false', '--metadata-file', '/tmp/w/metadata.json', '--push', '.']],
    [
      'load instead of push; one platform annotates the manifest',
      { push: false, load: true, refs: ['ghcr.io/o/app:pr-7'], annotations: { a: 'b' } },
      ['buildx', 'build', '--tag', 'ghcr.io/o/app:pr-7', '--annotation', 'manifest:a=b', '--metadata-file', '/tmp/w/metadata.json', '--load', '.']
    ],
    ['push: false and no load: build only', { push: false, refs: [] }, ['buildx', 'build', '--metadata-file', '/tmp/w/metadata.json', '.']]
  ])('%s', (_, overrides, args) => {
    const invocations = engine('docker').build(plan(overrides))
    expect(invocations).toEqual([{ program: 'docker', args, step: 'build' }])
  })

  test('a secret value never appears in an argument', () => {
    const args = engine('docker')
      .build(plan({ secretFiles: { token: '/tmp/w/secrets/secret-0' } }))[0]
      .args.join(' ')
    expect(args).toContain('src=/tmp/w/secrets/secret-0')
  })
})

describe('buildah arguments', () => {
  test.each<[string, Partial<BuildPlan>, string[][]]>([
    [
      'one platform: tag, then export to an OCI layout',
      {},
      [
        ['bud', '--tag', 'localhost/build-push-1', '.'],
        ['push', 'localhost/build-push-1', 'oci:/tmp/w/oci']
      ]
    ],
    [
      'several platforms: a manifest list, exported with --all',
      {
        platforms: ['linux/amd64', 'linux/arm64'],
        buildArgs: { A: '1' },
        secretFiles: { s: '/tmp/s0' },
        target: 'web',
        file: 'Containerfile',
        ignoreFile: '/w/Containerfile.dockerignore',
        labels: { l: 'v' },
        annotations: { k: 'v' }
      },
      [
        [
          'bud',
          '--file',
          'Containerfile',
          '--ignorefile',
          '/w/Containerfile.dockerignore',
          '--manifest',
          'localhost/build-push-1',
          '--platform',
          'linux/amd64,linux/arm64',
          '--target',
          'web',
          '--build-arg',
          'A=1',
          '--secret',
          'id=s,src=/tmp/s0',
          '--label',
          'l=v',
          '--annotation',
          'k=v',
          '.'
        ],
        ['manifest', 'push', '--all', 'localhost/build-push-1', 'oci:/tmp/w/oci']
      ]
    ],
    [
      'registry cache needs --layers; a plain-HTTP registry turns TLS verification off',
      { cacheFrom: ['127.0.0.1:5000/cache'], cacheTo: ['127.0.0.1:5000/cache'], insecureRegistries: ['127.0.0.1:5000'] },
      [
        ['bud', '--tag', 'localhost/build-push-1', '--layers', '--cache-from', '127.0.0.1:5000/cache', '--cache-to', '127.0.0.1:5000/cache', '--tls-verify=false', '.'],
        ['push', 'localhost/build-push-1', 'oci:/tmp/w/oci']
      ]
    ]
  ])('%s', (_, overrides, argLists) => {
    expect(
      engine('buildah')
        .build(plan(overrides))
        .map((i) => i.args)
    ).toEqual(argLists)
  })

  test('cleanup removes the local image or manifest list', () => {
    expect(engine('buildah').cleanup?.(plan())[0].args).toEqual(['rmi', 'localhost/build-push-1'])
    expect(engine('buildah').cleanup?.(plan({ platforms: ['linux/amd64', 'linux/arm64'] }))[0].args).toEqual(['manifest', 'rm', 'localhost/build-push-1'])
  })
})

describe('build log', () => {
  test('warnings of buildx build checks (with the Dockerfile line), buildx and buildah become annotations', () => {
    const log = [
      '#1 [internal] load build definition from Dockerfile',
      ' 2 warnings found (use docker --debug to expand):',
      ' - SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (ARG "PASSWORD") (line 4)',
      " - FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)",
      'WARNING: No output specified with docker-container driver. Build result will only remain in the build cache.',
      'WARN[0000] missing "VERSION" build argument. Try adding "--build-arg VERSION=<VALUE>" to the command line',
      'time="2026-11-29T09:00:00Z" level=warning msg="failed to decode the keys [\\"storage.options.override_kernel_check\\"]"',
      '[Warning] one or more build args were not consumed: [UNUSED]',
      'STEP 1/3: FROM scratch'
    ].join('\n')
    expect(buildWarnings(log)).toEqual([
      { message: 'SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (ARG "PASSWORD")', line: 4 },
      { message: "FromAsCasing: 'as' and 'FROM' keywords' casing do not match", line: 1 },
      { message: 'No output specified with docker-container driver. Build result will only remain in the build cache.' },
      { message: 'missing "VERSION" build argument. Try adding "--build-arg VERSION=<VALUE>" to the command line' },
      { message: 'failed to decode the keys [\\"storage.options.override_kernel_check\\"]' },
      { message: 'one or more build args were not consumed: [UNUSED]' }
    ])
  })

  test.each([
    ['ERROR: failed to push ghcr.io/o/app:1: unexpected status from PUT request: 429 Too Many Requests', true],
    ['error: failed commit on ref "layer-sha256:…": unexpected status: 503 Service Unavailable', true],
    ['ERROR: failed to solve: failed to do request: Head "https://ghcr.io/v2/…": dial tcp: i/o timeout', true],
    ['ERROR: failed to solve: process "/bin/sh -c npm ci" did not complete successfully: exit code: 1', false],
    ['ERROR: failed to push: unexpected status from HEAD request: 401 Unauthorized', false]
  ])('retryable: %s', (output, retryable) => expect(isRetryableFailure(output)).toBe(retryable))
})

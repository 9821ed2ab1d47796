import { describe, expect, test } from '@jest/globals'
import { INPUT_NAMES, parseBuildPushInputs, parseRegistryAuth, type RawInputs } from '../../../actions/build-push/src/parse-inputs.js'

/** Defaults as action.yml gives them; each case changes a few. */
function raw(overrides: Partial<RawInputs> = {}): RawInputs {
  const base = Object.fromEntries(INPUT_NAMES.map((name) => [name, ''])) as RawInputs
  return {
    ...base,
    images: 'ghcr.io/octo-org/shop',
    engine: 'docker',
    context: '.',
    tags: 'short-sha\nbranch\nsemver\nlatest\npr',
    push: 'true',
    load: 'false',
    sbom: 'false',
    'skip-existing': 'false',
    'promote-by-tag': 'false',
    'github-token': 'ghs_token123',
    attempts: '5',
    timeout: '5m',
    'build-timeout': '60m',
    ...overrides
  }
}

describe('parseBuildPushInputs: valid inputs', () => {
  test('defaults: docker, ghcr with the job token, build mode', () => {
    const inputs = parseBuildPushInputs(raw())
    expect(inputs).toMatchObject({ mode: 'build', engine: 'docker', context: '.', push: true, load: false, attempts: 5, attemptTimeoutMs: 300_000, buildTimeoutMs: 3_600_000 })
    expect(inputs.images).toEqual([{ host: 'ghcr.io', repository: 'octo-org/shop' }])
    expect(inputs.registries).toEqual([{ host: 'ghcr.io', kind: 'ghcr', insecure: false, password: 'ghs_token123' }])
  })

  test.each([
    ['ECR private (region from the host)', '123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop', { kind: 'ecr', region: 'eu-west-1' }],
    ['ECR public', 'public.ecr.aws/octo/shop', { kind: 'ecr-public' }],
    ['Azure Container Registry', 'octoshop.azurecr.io/shop', { kind: 'acr' }],
    ['a loopback registry over plain HTTP', '127.0.0.1:5000/shop', { kind: 'anonymous', insecure: true }]
  ])('%s', (_, image, expected) => {
    const inputs = parseBuildPushInputs(raw({ images: image, 'registry-auth': image.startsWith('127.') ? '127.0.0.1:5000=anonymous' : '' }))
    expect(inputs.registries[0]).toMatchObject(expected)
  })

  test('several registries, Docker Hub by user name and password (a password may hold ":")', () => {
    const inputs = parseBuildPushInputs(raw({ images: 'ghcr.io/o/app\ndocker.io/octo/app', 'registry-auth': 'docker.io=octo:dckr_pat:with:colons' }))
    expect(inputs.registries.map((r) => [r.host, r.kind, r.username, r.password])).toEqual([
      ['ghcr.io', 'ghcr', undefined, 'ghs_token123'],
      ['docker.io', 'basic', 'octo', 'dckr_pat:with:colons']
    ])
  })

  test('promotion by digest; build-only inputs empty', () => {
    const digest = `sha256:${'a'.repeat(64)}`
    const inputs = parseBuildPushInputs(raw({ images: 'ghcr.io/o/prod', 'promote-from': `ghcr.io/o/staging@${digest}` }))
    expect(inputs.mode).toBe('promote')
    expect(inputs.promoteFrom).toEqual({ host: 'ghcr.io', repository: 'o/staging', digest })
  })

  test('build inputs: args, secrets, platforms, target, cache, provenance', () => {
    const inputs = parseBuildPushInputs(
      raw({
        'build-args': 'NODE_ENV=production\nVERSION=1.2',
        secrets: 'npm_token=abc=def',
        platforms: 'linux/amd64, linux/arm64/v8',
        target: 'runtime',
        'cache-from': 'type=gha',
        'cache-to': 'type=gha,mode=max',
        provenance: 'max',
        sbom: 'true'
      })
    )
    expect(inputs).toMatchObject({
      buildArgs: { NODE_ENV: 'production', VERSION: '1.2' },
      secrets: { npm_token: 'abc=def' },
      platforms: ['linux/amd64', 'linux/arm64/v8'],
      target: 'runtime',
      cacheFrom: ['type=gha'],
      cacheTo: ['type=gha,mode=max'],
      provenance: 'max',
      sbom: true
    })
  })
})

describe('parseBuildPushInputs: bad input fails naming the input', () => {
  const digest = `sha256:${'b'.repeat(64)}`
  test.each<[string, Partial<RawInputs>, string, string]>([
    ['no images', { images: '' }, 'images', 'is empty'],
    ['an image without a registry host', { images: 'shop' }, 'images', 'does not start with a registry host'],
    ['an image with upper case', { images: 'ghcr.io/Octo/Shop' }, 'images', 'is not lowercase'],
    ['an image with a tag', { images: 'ghcr.io/o/app:v1' }, 'images', 'carries a tag or digest'],
    ['a control character in an image', { images: 'ghcr.io/o/a\u0007pp' }, 'images', 'control character'],
    ['an unknown engine', { engine: 'podman' }, 'engine', 'not allowed'],
    ['a bad platform', { platforms: 'linux/amd64,arm64' }, 'platforms', '"arm64", which is not a platform'],
    ['a misspelt tag rule', { tags: 'sha\nsemvr' }, 'tags', '"semvr", which looks like the rule semver misspelt'],
    ['a tag entry that is no tag', { tags: 'release/candidate' }, 'tags', 'neither a rule, a template nor a valid tag'],
    ['an unknown placeholder', { tags: '{{branch}}-{{build}}' }, 'tags', 'placeholder {{build}}'],
    ['a template that cannot make a tag', { tags: 'v/{{version}}' }, 'tags', 'cannot make a valid tag'],
    ['push with load', { load: 'true' }, 'load', 'together with push'],
    ['load with buildah', { engine: 'buildah', push: 'false', load: 'true' }, 'load', 'buildah'],
    ['provenance with buildah', { engine: 'buildah', provenance: 'max' }, 'provenance', 'cannot attach provenance'],
    ['sbom with buildah', { engine: 'buildah', sbom: 'true' }, 'sbom', 'cannot attach an SBOM'],
    ['an unknown provenance mode', { provenance: 'full' }, 'provenance', 'not allowed'],
    ['a registry without credentials', { images: 'registry.example.com/app' }, 'registry-auth', 'no credentials for registry.example.com'],
    ['ghcr without a token', { 'github-token': '' }, 'github-token', 'is empty'],
    ['credentials for a registry no image uses', { 'registry-auth': 'quay.io=u:p' }, 'registry-auth', 'which no image uses'],
    ['credentials without a password', { images: 'quay.io/o/app', 'registry-auth': 'quay.io=user' }, 'registry-auth', 'is not username:password'],
    ['promote-from without a digest', { 'promote-from': 'ghcr.io/o/staging:main' }, 'promote-from', 'has no digest'],
    ['promote-from with a bad digest', { 'promote-from': 'ghcr.io/o/staging@sha256:abc' }, 'promote-from', 'not sha256:'],
    ['promote-from with build-args', { 'promote-from': `ghcr.io/o/s@${digest}`, 'build-args': 'A=1' }, 'build-args', 'copies an image without building'],
    ['promote-from with skip-existing', { 'promote-from': `ghcr.io/o/s@${digest}`, 'skip-existing': 'true' }, 'skip-existing', 'never builds'],
    ['promote-by-tag without promote-from', { 'promote-by-tag': 'true' }, 'promote-by-tag', 'without promote-from'],
    ['skip-existing without push', { 'skip-existing': 'true', push: 'false' }, 'skip-existing', 'push is false'],
    ['a build-arg name that is no ARG', { 'build-args': 'MY-ARG=1' }, 'build-args', 'not an ARG name'],
    ['a secret id with a space', { secrets: 'my key=1' }, 'secrets', 'key with characters'],
    ['attempts out of range', { attempts: '0' }, 'attempts', 'out of range'],
    ['a bad timeout', { timeout: 'soon' }, 'timeout', 'not a duration'],
    ['a BuildKit cache backend with buildah', { engine: 'buildah', 'cache-to': 'type=gha,mode=max' }, 'cache-to', 'buildah cannot use as a cache'],
    ['a tagged cache repository with buildah', { engine: 'buildah', 'cache-from': 'ghcr.io/o/cache:main' }, 'cache-from', 'buildah cannot use as a cache'],
    ['a bad build-timeout', { 'build-timeout': '1 hour' }, 'build-timeout', 'not a duration']
  ])('%s', (_, overrides, input, problem) => {
    expect(() => parseBuildPushInputs(raw(overrides))).toThrow(`Input "${input}"`)
    expect(() => parseBuildPushInputs(raw(overrides))).toThrow(problem)
  })

  test('a registry-auth error never shows the password', () => {
    let message = ''
    try {
      parseRegistryAuth('quay.io=user:pass\nsecret-password-no-equals')
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toContain('entry 2')
    expect(message).not.toContain('secret-password')
  })
})

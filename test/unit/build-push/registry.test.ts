import { describe, expect, test } from '@jest/globals'
import { contentKeyTag } from '../../../actions/build-push/src/content-key.js'
import { isIgnored, parseDockerignore } from '../../../actions/build-push/src/dockerignore.js'
import { ACR_TOKEN_USER, exchangeForm, refreshTokenCredential } from '../../../packages/providers/registry/acr/acr-mapping.js'
import { authFileContent } from '../../../packages/providers/registry/auth-file.js'
import { parseAuthChallenge, tokenUrl } from '../../../packages/providers/registry/distribution/auth-challenge.js'
import { decodeEcrToken } from '../../../packages/providers/registry/ecr/ecr-mapping.js'
import { apiHost, parseImageRef } from '../../../packages/providers/registry/image-ref.js'
import { ecrRegion, registryKind } from '../../../packages/providers/registry/registry-choice.js'

describe('image references', () => {
  const digest = `sha256:${'c'.repeat(64)}`
  test.each([
    ['ghcr.io/octo-org/shop', { host: 'ghcr.io', repository: 'octo-org/shop' }],
    ['127.0.0.1:5000/a/b/c:v1.2', { host: '127.0.0.1:5000', repository: 'a/b/c', tag: 'v1.2' }],
    [`localhost/app@${digest}`, { host: 'localhost', repository: 'app', digest }],
    ['docker.io/library/node:24-alpine', { host: 'docker.io', repository: 'library/node', tag: '24-alpine' }],
    ['registry.example.com:8443/team__x/app-1', { host: 'registry.example.com:8443', repository: 'team__x/app-1' }]
  ])('%s', (raw, expected) => expect(parseImageRef(raw)).toEqual(expected))

  test.each([
    ['app', 'registry host'],
    ['octo/app', 'registry host'],
    ['ghcr.io/Octo/app', 'lowercase'],
    ['ghcr.io/o/app:-bad', 'not a valid tag'],
    ['ghcr.io/o/app@sha256:XYZ', 'not sha256:'],
    ['ghcr.io/o//app', 'lowercase']
  ])('%s is refused', (raw, problem) => expect(() => parseImageRef(raw)).toThrow(problem))

  test('Docker Hub is spoken to at registry-1.docker.io', () => expect(apiHost('docker.io')).toBe('registry-1.docker.io'))
})

describe('registry choice', () => {
  test.each([
    ['ghcr.io', 'ghcr'],
    ['123456789012.dkr.ecr.us-east-2.amazonaws.com', 'ecr'],
    ['123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com', 'ecr'],
    ['public.ecr.aws', 'ecr-public'],
    ['contoso.azurecr.io', 'acr'],
    ['docker.io', 'basic'],
    ['quay.io', 'basic'],
    ['127.0.0.1:5000', 'basic']
  ])('%s → %s', (host, kind) => expect(registryKind(host)).toBe(kind))

  test('ECR region from the host', () => expect(ecrRegion('123456789012.dkr.ecr.ap-southeast-2.amazonaws.com')).toBe('ap-southeast-2'))
})

describe('auth challenges and token mappings', () => {
  test('a Bearer challenge gives the token URL for a scope', () => {
    const challenge = parseAuthChallenge('Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:o/app:pull"')
    expect(challenge).toEqual({ scheme: 'bearer', params: { realm: 'https://ghcr.io/token', service: 'ghcr.io', scope: 'repository:o/app:pull' } })
    expect(tokenUrl(challenge!, 'repository:o/app:pull,push')).toBe('https://ghcr.io/token?service=ghcr.io&scope=repository%3Ao%2Fapp%3Apull%2Cpush')
  })

  test('a Basic challenge; an unknown scheme is ignored', () => {
    expect(parseAuthChallenge('Basic realm="registry"')).toEqual({ scheme: 'basic', params: { realm: 'registry' } })
    expect(parseAuthChallenge('Negotiate abc')).toBeUndefined()
  })

  test('ECR token: base64 of AWS:password', () => {
    expect(decodeEcrToken(Buffer.from('AWS:eyJwYXlsb2FkIjoi').toString('base64'), 'h')).toEqual({ username: 'AWS', password: 'eyJwYXlsb2FkIjoi' })
    expect(() => decodeEcrToken(undefined, 'h')).toThrow('no token')
    expect(() => decodeEcrToken(Buffer.from('nocolon').toString('base64'), 'h')).toThrow('not user:password')
  })

  test('ACR exchange form and refresh token', () => {
    expect(new URLSearchParams(exchangeForm('contoso.azurecr.io', 'aad-token', 'tenant-1'))).toEqual(
      new URLSearchParams({ grant_type: 'access_token', service: 'contoso.azurecr.io', access_token: 'aad-token', tenant: 'tenant-1' })
    )
    expect(refreshTokenCredential('{"refresh_token":"acr-refresh"}', 'h')).toEqual({ username: ACR_TOKEN_USER, password: 'acr-refresh' })
    expect(() => refreshTokenCredential('{}', 'h')).toThrow('no refresh_token')
  })

  test('the auth file docker and buildah read; Docker Hub under its legacy key too', () => {
    const content = JSON.parse(
      authFileContent(
        new Map([
          ['docker.io', { username: 'u', password: 'p' }],
          ['ghcr.io', { username: 'a', password: 't' }]
        ])
      )
    ) as unknown
    const auth = Buffer.from('u:p').toString('base64')
    expect(content).toEqual({ auths: { 'docker.io': { auth }, 'https://index.docker.io/v1/': { auth }, 'ghcr.io': { auth: Buffer.from('a:t').toString('base64') } } })
  })

  test('earlier logins are kept; a credential helper or store no longer answers for a host signed in here', () => {
    const existing = { auths: { 'quay.io': { auth: 'cXVheQ==' } }, credsStore: 'desktop', credHelpers: { 'ghcr.io': 'gh', 'gcr.io': 'gcloud' }, currentContext: 'ci' }
    const content = JSON.parse(authFileContent(new Map([['ghcr.io', { username: 'a', password: 't' }]]), existing)) as unknown
    expect(content).toEqual({
      auths: { 'quay.io': { auth: 'cXVheQ==' }, 'ghcr.io': { auth: Buffer.from('a:t').toString('base64') } },
      credHelpers: { 'gcr.io': 'gcloud' },
      currentContext: 'ci'
    })
  })
})

describe('.dockerignore', () => {
  const rules = parseDockerignore(['# comment', 'node_modules', '*.log', '**/*.tmp', 'docs/**', '!docs/keep.md', '/build', 'secret?.txt'].join('\n'))
  test.each([
    ['node_modules/x/index.js', true],
    ['app.log', true],
    ['logs/app.log', false],
    ['a/b/c.tmp', true],
    ['docs/guide.md', true],
    ['docs/keep.md', false],
    ['build/out.js', true],
    ['src/build/x', false],
    ['secret1.txt', true],
    ['secret12.txt', false],
    ['src/index.ts', false]
  ])('%s ignored: %s', (path, ignored) => expect(isIgnored(path, rules)).toBe(ignored))

  test('the key tag', () => expect(contentKeyTag('ab'.repeat(32))).toBe(`content-${'ab'.repeat(20)}`))
})

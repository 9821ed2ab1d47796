import { describe, expect, test } from '@jest/globals'
import { inputErrorOf } from '../../support/input-error.js'
import { ColorBook } from '../../../packages/providers/traffic/color-book.js'
import { isCommitSha, parseRenderConfig, type RenderRawInputs } from '../../../packages/providers/traffic/render/config.js'
import { deployProgress, deployRequest, deployVersion, toTrafficStatus, type RenderDeploy } from '../../../packages/providers/traffic/render/render-mapping.js'

const base: RenderRawInputs = { 'render-api-key': 'rnd_abcdefABCDEF123456', 'render-service': 'srv-abc123def456' }

describe('parseRenderConfig', () => {
  test('the defaults', () => {
    expect(parseRenderConfig(base)).toEqual({
      apiKey: 'rnd_abcdefABCDEF123456',
      serviceId: 'srv-abc123def456',
      apiUrl: 'https://api.render.com',
      deployTimeoutMs: 1_200_000,
      pollIntervalMs: 5000
    })
  })
  test.each<[string, RenderRawInputs, string]>([
    ['no key', { 'render-api-key': '' }, 'Input "render-api-key" is empty'],
    ['a key with Bearer', { 'render-api-key': 'Bearer rnd_abcdefABCDEF123456' }, 'Input "render-api-key" is not in the form of a Render API key (the value is not shown)'],
    ['a key of another platform', { 'render-api-key': 'abcDEF1234567890abcdEFGH' }, 'Input "render-api-key" is not in the form'],
    ['no service', { 'render-service': '' }, 'Input "render-service" is empty'],
    ['a service name instead of id', { 'render-service': 'todo-api' }, 'Input "render-service" is "todo-api", which is not a service id'],
    ['a bad timeout', { 'render-deploy-timeout': 'later' }, 'Input "render-deploy-timeout" is "later", which is not a duration'],
    ['a bad API URL', { 'render-api-url': 'not a url' }, 'Input "render-api-url"']
  ])('%s is refused, naming the input', (_name, extra, message) => {
    const error = inputErrorOf(() => parseRenderConfig({ ...base, ...extra }))
    expect(error.message).toContain(message)
    expect(error.message).not.toContain('abcdefABCDEF')
  })
  test.each([
    ['3f2a9c1', true],
    ['3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39', true],
    ['v1.2.0', false],
    ['main', false]
  ] as const)('isCommitSha(%s) is %s', (value, expected) => expect(isCommitSha(value)).toBe(expected))
})

const d = (id: string, status: RenderDeploy['status'], extra: Partial<RenderDeploy> = {}): RenderDeploy => ({
  id,
  status,
  commit: { id: `c-${id}` },
  createdAt: '2026-11-29T10:00:00Z',
  ...extra
})

describe('render mapping', () => {
  test.each<[string, RenderDeploy[], object, boolean]>([
    ['no deploy yet', [], { active: 'blue', history: [] }, false],
    [
      'a live deploy, the one before deactivated',
      [d('dep-2', 'live'), d('dep-1', 'deactivated')],
      { active: 'blue', activeVersion: 'c-dep-2', previousVersion: 'c-dep-1', weights: { blue: 100, green: 0 } },
      true
    ],
    [
      'a failed newer deploy does not hide the live one',
      [d('dep-3', 'update_failed'), d('dep-2', 'live'), d('dep-1', 'deactivated')],
      { activeVersion: 'c-dep-2', previousVersion: 'c-dep-1' },
      true
    ],
    [
      'after a rollback: nothing to roll back to',
      [d('dep-3', 'live', { trigger: 'rollback' }), d('dep-2', 'deactivated'), d('dep-1', 'deactivated')],
      { activeVersion: 'c-dep-3', history: [{ version: 'c-dep-2', outcome: 'rolled-back' }] },
      false
    ],
    ['an image deploy shows its image', [d('dep-2', 'live', { image: { ref: 'ghcr.io/octo/api:2' } })], { activeVersion: 'ghcr.io/octo/api:2' }, false]
  ])('%s', (_name, deploys, expected, hasPrevious) => {
    const status = toTrafficStatus(deploys, new ColorBook())
    expect(status).toMatchObject(expected)
    expect(status.previousVersion !== undefined).toBe(hasPrevious)
  })

  test.each<[RenderDeploy['status'], boolean | string]>([
    ['live', true],
    ['created', false],
    ['build_in_progress', false],
    ['update_in_progress', false],
    ['pre_deploy_in_progress', false],
    ['build_failed', 'ended build_failed; the service still serves its previous deploy'],
    ['update_failed', 'ended update_failed'],
    ['pre_deploy_failed', 'ended pre_deploy_failed'],
    ['canceled', 'ended canceled'],
    ['deactivated', 'was replaced by a newer deploy']
  ])('deployProgress(%s)', (status, expected) => {
    if (typeof expected === 'string') expect(() => deployProgress(d('dep-9', status))).toThrow(expected)
    else expect(deployProgress(d('dep-9', status)).done).toBe(expected)
  })

  test('a deploy request: the image when there is one, else the commit', () => {
    expect(deployRequest({ version: '1.4.2', image: 'ghcr.io/octo/api:1.4.2' })).toEqual({ imageUrl: 'ghcr.io/octo/api:1.4.2' })
    expect(deployRequest({ version: '3f2a9c1' })).toEqual({ commitId: '3f2a9c1' })
    expect(deployVersion({ id: 'dep-1', status: 'live' })).toBe('dep-1')
  })
})

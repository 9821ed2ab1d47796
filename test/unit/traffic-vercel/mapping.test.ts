import { describe, expect, test } from '@jest/globals'
import {
  aliasing,
  aliasJobUnderWay,
  ColorBook,
  productionUrl,
  readiness,
  toTrafficStatus,
  type AliasRequest,
  type VercelProject
} from '../../../packages/providers/traffic/vercel/vercel-mapping.js'

const request = (extra: Partial<AliasRequest>): AliasRequest => ({
  fromDeploymentId: 'dpl_A',
  toDeploymentId: 'dpl_B',
  jobStatus: 'succeeded',
  requestedAt: Date.UTC(2026, 10, 29, 10),
  type: 'promote',
  ...extra
})
const project = (production: string | undefined, last?: AliasRequest | null, alias?: string[]): VercelProject => ({
  id: 'prj_1',
  name: 'todo',
  targets: production ? { production: { id: production, ...(alias ? { alias } : {}) } } : {},
  lastAliasRequest: last ?? null
})

describe('toTrafficStatus', () => {
  test.each<[string, VercelProject, object]>([
    ['no production deployment yet', project(undefined), { active: 'blue', weights: { blue: 100, green: 0 }, history: [] }],
    [
      'a promotion: the previous production deployment is kept',
      project('dpl_B', request({})),
      { active: 'blue', activeVersion: 'dpl_B', previousVersion: 'dpl_A', history: [{ version: 'dpl_B', outcome: 'promoted' }] }
    ],
    [
      'a rollback: nothing to roll back to, the rolled-back one in history',
      project('dpl_A', request({ fromDeploymentId: 'dpl_B', toDeploymentId: 'dpl_A', type: 'rollback' })),
      { active: 'blue', activeVersion: 'dpl_A', history: [{ version: 'dpl_B', color: 'green', outcome: 'rolled-back' }] }
    ],
    ['a promote still under way: no previous version yet', project('dpl_A', request({ jobStatus: 'in-progress' })), { active: 'blue', activeVersion: 'dpl_A', history: [] }],
    ['a promote to another deployment than production', project('dpl_C', request({})), { active: 'blue', activeVersion: 'dpl_C' }]
  ])('%s', (_name, p, expected) => {
    const status = toTrafficStatus(p, new ColorBook())
    expect(status).toMatchObject(expected)
    if (!('previousVersion' in expected)) expect(status.previousVersion).toBeUndefined()
  })

  test('colors stay with their deployments within a run: after the switch, green is active', () => {
    const colors = new ColorBook()
    expect(toTrafficStatus(project('dpl_A'), colors).active).toBe('blue')
    colors.set('green', 'dpl_B')
    expect(toTrafficStatus(project('dpl_B', request({})), colors)).toMatchObject({ active: 'green', previousVersion: 'dpl_A', weights: { green: 100, blue: 0 } })
    expect(colors.idOf('blue')).toBe('dpl_A')
  })
})

describe('readiness', () => {
  test.each([
    ['READY', true],
    ['BUILDING', false],
    ['QUEUED', false],
    ['INITIALIZING', false]
  ] as const)('%s → done %s', (state, done) => {
    expect(readiness({ id: 'dpl_X', url: 'x.vercel.app', readyState: state }).done).toBe(done)
  })
  test.each(['ERROR', 'CANCELED', 'DELETED'] as const)('%s can never serve', (state) => {
    expect(() => readiness({ id: 'dpl_X', url: 'x.vercel.app', readyState: state, errorMessage: 'build failed' })).toThrow(`deployment dpl_X is ${state}: build failed; it can never serve`)
  })
})

describe('aliasing', () => {
  test.each<[string, VercelProject, boolean]>([
    ['production points at the target, job succeeded', project('dpl_B', request({})), true],
    ['production points at the target, no request recorded', project('dpl_B', null), true],
    ['job in progress, production not moved', project('dpl_A', request({ jobStatus: 'in-progress' })), false],
    ['production moved but job still running', project('dpl_B', request({ jobStatus: 'in-progress' })), false]
  ])('%s', (_name, p, done) => {
    expect(aliasing(p, 'dpl_B').done).toBe(done)
  })
  test('a failed job names where production stands', () => {
    expect(() => aliasing(project('dpl_A', request({ jobStatus: 'failed' })), 'dpl_B')).toThrow("Vercel's promote to dpl_B failed; production still serves dpl_A")
  })
})

describe('aliasJobUnderWay and productionUrl', () => {
  test('pending and in-progress jobs hold the project', () => {
    expect(aliasJobUnderWay(project('dpl_A', request({ jobStatus: 'pending' })))?.toDeploymentId).toBe('dpl_B')
    expect(aliasJobUnderWay(project('dpl_A', request({ jobStatus: 'failed' })))).toBeUndefined()
  })
  test('a custom domain before *.vercel.app', () => {
    expect(productionUrl(project('dpl_A', null, ['todo.vercel.app', 'todo.example.com']))).toBe('https://todo.example.com/')
    expect(productionUrl(project('dpl_A', null, ['todo.vercel.app']))).toBe('https://todo.vercel.app/')
    expect(productionUrl(project('dpl_A'))).toBeUndefined()
  })
})

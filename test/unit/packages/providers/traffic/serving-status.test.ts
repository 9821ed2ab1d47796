import { describe, expect, test } from '@jest/globals'
import { ColorBook } from '../../../../../packages/providers/traffic/color-book.js'
import { servingStatus, type DeploymentReader } from '../../../../../packages/providers/traffic/serving-status.js'

interface Deployment {
  id: string
  commit: string
  at: string
  rollback?: boolean
}

const read: DeploymentReader<Deployment> = { version: (d) => d.commit, at: (d) => d.at, isRollback: (d) => d.rollback === true }
const first: Deployment = { id: 'd1', commit: 'aaaaaaa', at: '2026-11-01T10:00:00.000Z' }
const second: Deployment = { id: 'd2', commit: 'bbbbbbb', at: '2026-11-02T10:00:00.000Z' }

describe('servingStatus', () => {
  test('nothing serves: blue, all traffic, no versions, no history', () => {
    expect(servingStatus(undefined, undefined, new ColorBook(), read)).toEqual({ active: 'blue', weights: { blue: 100, green: 0 }, history: [] })
  })

  test('the serving deployment is blue, the one it replaced green (kept for a rollback); promoted', () => {
    const colors = new ColorBook()
    expect(servingStatus(second, first, colors, read)).toEqual({
      active: 'blue',
      activeVersion: 'bbbbbbb',
      previousVersion: 'aaaaaaa',
      weights: { blue: 100, green: 0 },
      history: [{ version: 'bbbbbbb', color: 'blue', at: second.at, outcome: 'promoted' }]
    })
    expect(colors.idOf('green')).toBe('d1')
  })

  test('a color already known keeps it: green serving means blue is the previous one', () => {
    const colors = new ColorBook()
    colors.set('green', 'd2')
    expect(servingStatus(second, first, colors, read)).toMatchObject({ active: 'green', weights: { blue: 0, green: 100 }, previousVersion: 'aaaaaaa' })
    expect(colors.idOf('blue')).toBe('d1')
  })

  test("after the platform's rollback nothing is left to roll back to; the history says what was rolled back", () => {
    const back: Deployment = { id: 'd3', commit: 'aaaaaaa', at: '2026-11-03T10:00:00.000Z', rollback: true }
    const colors = new ColorBook()
    const status = servingStatus(back, second, colors, read)
    expect(status).toEqual({
      active: 'blue',
      activeVersion: 'aaaaaaa',
      weights: { blue: 100, green: 0 },
      history: [{ version: 'bbbbbbb', color: 'green', at: back.at, outcome: 'rolled-back' }]
    })
    expect(colors.idOf('green')).toBeUndefined()
  })
})

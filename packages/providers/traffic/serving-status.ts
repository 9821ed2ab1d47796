import type { ColorBook } from './color-book.js'
import { otherColor } from './types.js'
import type { Color, DeployRecord, TrafficStatus } from './types.js'

/** How a platform's deployment reads: its version, when it started, whether the platform's rollback made it. */
export interface DeploymentReader<D> {
  version(deployment: D): string
  at(deployment: D): string
  isRollback(deployment: D): boolean
}

/**
 * Where a platform that serves one deployment stands (Render, Railway): the serving deployment plays
 * the active color, the one it replaced the previous color; the history is how the serving one came.
 */
export function servingStatus<D extends { id: string }>(serving: D | undefined, previous: D | undefined, colors: ColorBook, read: DeploymentReader<D>): TrafficStatus {
  const active: Color = serving ? colors.colorOf(serving.id) : 'blue'
  // After a rollback the deployment serving before it is the one rolled back from: nothing to roll back to.
  const keepPrevious = previous && serving && !read.isRollback(serving)
  if (keepPrevious) colors.set(otherColor(active), previous.id)
  const history: DeployRecord[] = []
  if (serving) {
    const at = read.at(serving)
    history.push(
      read.isRollback(serving) && previous
        ? { version: read.version(previous), color: otherColor(active), at, outcome: 'rolled-back' }
        : { version: read.version(serving), color: active, at, outcome: 'promoted' }
    )
  }
  return {
    active,
    ...(serving ? { activeVersion: read.version(serving) } : {}),
    ...(keepPrevious ? { previousVersion: read.version(previous) } : {}),
    weights: { [active]: 100, [otherColor(active)]: 0 } as Record<Color, number>,
    history
  }
}

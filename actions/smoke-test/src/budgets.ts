import { latencyStats, type LatencyStats } from '../../../packages/core/latency-stats.js'
import { formatMs } from '../../../packages/core/markdown.js'

/**
 * Pure: the suite-wide latency budgets, p50 and p95 over every check's latency. (The max budget,
 * latency-max, is enforced on each check, so a slow check fails by name.)
 */
export interface SuiteBudgets {
  p50Ms?: number
  p95Ms?: number
}

export interface BudgetResult {
  name: 'p50' | 'p95'
  budgetMs: number
  actualMs: number
  passed: boolean
}

export function evaluateBudgets(latencies: readonly number[], budgets: SuiteBudgets): { stats?: LatencyStats; results: BudgetResult[] } {
  const stats = latencyStats(latencies)
  const results: BudgetResult[] = []
  if (stats) {
    const pairs: [BudgetResult['name'], number | undefined, number][] = [
      ['p50', budgets.p50Ms, stats.p50],
      ['p95', budgets.p95Ms, stats.p95]
    ]
    for (const [name, budgetMs, actualMs] of pairs) {
      if (budgetMs !== undefined) results.push({ name, budgetMs, actualMs, passed: actualMs <= budgetMs })
    }
  }
  return { stats, results }
}

/** One sentence for each budget the suite went over. */
export function budgetFailures(results: readonly BudgetResult[]): string[] {
  return results.filter((r) => !r.passed).map((r) => `suite ${r.name} latency ${formatMs(r.actualMs)} is over the ${formatMs(r.budgetMs)} budget`)
}

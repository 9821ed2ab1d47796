import { escapeCell, formatMs, markdownTable, mermaidBarChart } from '../../../packages/core/markdown.js'
import type { StepRecord, SwapResult } from './result.js'

/** Pure: the step outputs and the job summary of a run. */

export function stepOutputs(result: SwapResult): Record<string, string> {
  return {
    outcome: result.outcome,
    'active-color': result.activeColor,
    'previous-color': result.previousColor ?? '',
    'active-version': result.activeVersion ?? '',
    'previous-version': result.previousVersion ?? '',
    url: result.url,
    'rolled-back': String(result.rolledBack),
    reason: result.reason,
    'phase-timings': JSON.stringify(phaseTimings(result))
  }
}

/** Milliseconds per phase; a phase run more than once (a shift per step) is summed. */
export function phaseTimings(result: SwapResult): Record<string, number> {
  const timings: Record<string, number> = {}
  for (const { phase, durationMs } of result.phases) {
    const key = phase.replace(/ \d+%$/, '')
    timings[key] = Math.round((timings[key] ?? 0) + durationMs)
  }
  return timings
}

const HEADLINE: Record<SwapResult['outcome'], string> = {
  promoted: '✅ promoted',
  'rolled-back': '↩️ rolled back',
  paused: '⏸️ paused',
  aborted: '⏹️ aborted',
  unchanged: '➖ nothing to do',
  status: 'ℹ️ status'
}

export function summaryMarkdown(result: SwapResult): string {
  const version = result.activeVersion ? ` — ${result.activeVersion} live on ${result.activeColor}` : ` — ${result.activeColor} live`
  const lines = [`## blue-green-swap (${result.mode}): ${HEADLINE[result.outcome]}${version}`, '', escapeCell(result.reason), '']
  if (result.switchNote) lines.push(`**Traffic:** ${escapeCell(result.switchNote)}`, '')
  if (result.greenCheck) lines.push(`**Direct check of the new color:** ${result.greenCheck.passed ? 'passed' : 'failed'} — ${escapeCell(result.greenCheck.detail)}`, '')
  if (result.phases.length > 0) {
    lines.push(
      '### Timeline',
      '',
      markdownTable(
        ['phase', 'started at', 'took'],
        result.phases.map((p) => [p.phase, `+${formatMs(p.startMs)}`, formatMs(p.durationMs)])
      ),
      ''
    )
  }
  if (result.steps.length > 0) {
    lines.push('### Steps', '', markdownTable(['step', 'weight on new color', 'shift took', 'analysis', 'figures'], result.steps.map(stepRow)), '')
    const measured = result.steps.filter((s) => s.figures.some((f) => f.errorRate !== undefined || f.p95Ms !== undefined))
    if (measured.length > 0) {
      const label = (s: StepRecord): string => `step ${s.step} (${s.weight}%)`
      lines.push(
        mermaidBarChart(
          'Error rate per step (%)',
          '%',
          measured.map((s) => ({ label: label(s), value: worst(s, 'errorRate') * 100 }))
        ),
        ''
      )
      lines.push(
        mermaidBarChart(
          'p95 latency per step (ms)',
          'ms',
          measured.map((s) => ({ label: label(s), value: worst(s, 'p95Ms') }))
        ),
        ''
      )
    }
  }
  const status = result.status
  if (status) {
    const weights = `blue ${status.weights.blue}% · green ${status.weights.green}%`
    lines.push(
      '### Where things stand',
      '',
      markdownTable(['active', 'version', 'previous (kept)', 'traffic', 'URL'], [[status.active, status.activeVersion ?? '—', status.previousVersion ?? '—', weights, result.url]]),
      ''
    )
    if (status.history.length > 0) {
      lines.push(
        '<details><summary>Recent deploys</summary>',
        '',
        markdownTable(
          ['at', 'version', 'color', 'outcome', 'reason'],
          status.history.slice(0, 10).map((h) => [h.at, h.version, h.color, h.outcome, h.reason ?? ''])
        ),
        '',
        '</details>',
        ''
      )
    }
  }
  return `${lines.join('\n')}\n`
}

function stepRow(step: StepRecord): string[] {
  const figures = step.figures.map((f) => `${f.name}: ${f.verdict} — ${f.detail}`).join('<br>')
  return [String(step.step), `${step.weight}%`, formatMs(step.shiftMs), step.verdict ?? 'not analysed', figures === '' ? '—' : figures]
}

function worst(step: StepRecord, field: 'errorRate' | 'p95Ms'): number {
  return Math.max(0, ...step.figures.map((f) => f[field]).filter((v): v is number => v !== undefined))
}

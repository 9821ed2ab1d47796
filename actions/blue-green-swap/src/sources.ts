import type { HttpRequest, HttpResponse } from '../../../packages/core/http.js'
import type { Logger } from '../../../packages/core/log.js'
import type { TrafficProvider } from '../../../packages/providers/traffic/types.js'
import { nginxLogSource } from './analysis/nginx-log.js'
import { prometheusSource } from './analysis/prometheus.js'
import { syntheticSource } from './analysis/synthetic.js'
import type { AnalysisSource } from './analysis/types.js'
import type { AnalysisSettings } from './parse-inputs.js'

/** The analysis sources the inputs chose, built for this run's provider. */
export function analysisSources(settings: AnalysisSettings, provider: TrafficProvider, send: (request: HttpRequest) => Promise<HttpResponse>, logger: Logger): AnalysisSource[] {
  const sources: AnalysisSource[] = []
  if (settings.synthetic) sources.push(syntheticSource({ publicUrl: provider.publicUrl(), ...settings.synthetic, thresholds: settings.thresholds, send, logger }))
  if (settings.nginxLog) sources.push(nginxLogSource(provider, settings.thresholds))
  if (settings.prometheus) sources.push(prometheusSource(settings.prometheus.url, settings.prometheus.queries, logger))
  return sources
}

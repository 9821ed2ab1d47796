/**
 * Runs a dependency graph with bounded concurrency: a task starts once every task it depends on
 * has finished and succeeded; a task whose dependency failed is not run but skipped. Tasks start
 * in the order given whenever a slot is free. No @actions import: unit-tested with fake tasks.
 */
export interface GraphOptions<R> {
  names: readonly string[]
  dependsOn: Readonly<Record<string, readonly string[]>>
  concurrency: number
  run: (name: string) => Promise<R>
  succeeded: (result: R) => boolean
  /** The result recorded for a task not run because `failedDependency` did not succeed. */
  skipped: (name: string, failedDependency: string) => R
}

export async function runGraph<R>(options: GraphOptions<R>): Promise<Map<string, R>> {
  const { names, dependsOn, run, succeeded, skipped } = options
  const concurrency = Math.max(1, Math.floor(options.concurrency))
  const results = new Map<string, R>()
  const pending = [...names]
  let running = 0
  return new Promise((resolve, reject) => {
    const pump = (): void => {
      // Settle what can no longer run (a dependency failed or was skipped), then start what is ready.
      let changed = true
      while (changed) {
        changed = false
        for (const name of [...pending]) {
          const failed = (dependsOn[name] ?? []).find((dep) => results.has(dep) && !succeeded(results.get(dep) as R))
          if (failed !== undefined) {
            results.set(name, skipped(name, failed))
            pending.splice(pending.indexOf(name), 1)
            changed = true
          }
        }
      }
      for (const name of [...pending]) {
        if (running >= concurrency) break
        if (!(dependsOn[name] ?? []).every((dep) => results.has(dep))) continue
        pending.splice(pending.indexOf(name), 1)
        running++
        run(name).then(
          (result) => {
            results.set(name, result)
            // Free the slot on the next turn of the event loop: by then the HTTP client has put
            // the finished request's connection back in its pool, so the next check reuses it
            // instead of opening another (measured on the sample app: 12 checks at concurrency 3
            // use 3 connections this way, 5 to 6 when the slot is freed at once).
            setImmediate(() => {
              running--
              pump()
            })
          },
          (error: unknown) => reject(error)
        )
      }
      if (pending.length === 0 && running === 0) resolve(results)
      else if (running === 0 && pending.length > 0) reject(new Error(`checks ${pending.join(', ')} wait for checks that never run`))
    }
    pump()
  })
}

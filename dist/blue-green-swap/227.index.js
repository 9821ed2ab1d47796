export const id = 227;
export const ids = [227];
export const modules = {

/***/ 89466:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ apiCall)
/* harmony export */ });
/* harmony import */ var _core_http_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(75770);

async function apiCall(call) {
    const path = new URL(call.url).pathname;
    const what = `${call.platform} API ${call.method} ${path}`;
    try {
        const response = await (0,_core_http_js__WEBPACK_IMPORTED_MODULE_0__/* .httpRequestWithRetry */ .sF)({
            url: call.url,
            method: call.method,
            headers: { ...(call.headers ?? { authorization: `Bearer ${call.token}` }), accept: 'application/json', ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}) },
            ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
            timeoutMs: 30_000
        }, what, {
            attempts: 6,
            baseDelayMs: 1000,
            maxDelayMs: 30_000,
            signal: call.signal,
            ...(call.sleep ? { sleep: call.sleep } : {}),
            onRetry: ({ attempt, delayMs, error }) => call.logger.info(`  ${what}: ${error instanceof _core_http_js__WEBPACK_IMPORTED_MODULE_0__/* .HttpStatusError */ .F9 ? `HTTP ${error.status}` : 'no answer'}; retry ${attempt} in ${Math.round(delayMs / 100) / 10}s`)
        });
        return (response.body.trim() === '' ? undefined : JSON.parse(response.body));
    }
    catch (error) {
        if (error instanceof _core_http_js__WEBPACK_IMPORTED_MODULE_0__/* .HttpStatusError */ .F9 && (error.status === 401 || error.status === 403)) {
            throw new Error(`${what} answered HTTP ${error.status}: the token cannot ${call.access}`, { cause: error });
        }
        throw error;
    }
}


/***/ }),

/***/ 12283:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  u: () => (/* binding */ SingleSwitchProvider)
});

;// CONCATENATED MODULE: ./packages/providers/traffic/color-book.ts
/**
 * For platforms without colors (Vercel, Render, Railway): which platform deployment plays which
 * color in this run. Blue is the first one seen (what production served when the run started).
 */
class ColorBook {
    ids = new Map();
    colorOf(id) {
        for (const [color, known] of this.ids)
            if (known === id)
                return color;
        const color = this.ids.has('blue') ? 'green' : 'blue';
        this.ids.set(color, id);
        return color;
    }
    set(color, id) {
        this.ids.set(color, id);
    }
    idOf(color) {
        return this.ids.get(color);
    }
}

// EXTERNAL MODULE: ./packages/providers/traffic/provider-clock.ts
var provider_clock = __webpack_require__(75515);
// EXTERNAL MODULE: ./packages/providers/traffic/types.ts
var types = __webpack_require__(6996);
;// CONCATENATED MODULE: ./packages/providers/traffic/platform-provider.ts



/**
 * The part every platform without colors or a percentage split shares (Vercel, Render, Railway):
 * the platform keeps one serving deployment, so there is one switch (0% or 100%), nothing to pause,
 * no lock of our own (the platform's own work under way is waited for) and no record to write (the
 * platform's list of deployments is the record, read by status). A subclass says how it reads
 * and moves what serves.
 */
class SingleSwitchProvider {
    config;
    supportsWeights = false;
    logger;
    clock;
    client;
    colors = new ColorBook();
    constructor(config, deps) {
        this.config = config;
        this.logger = deps.logger;
        this.client = (0,provider_clock/* clientDeps */.KI)(deps);
        this.clock = (0,provider_clock/* platformClock */.IB)(deps, config.pollIntervalMs);
    }
    async lock(owner, timeoutMs, signal) {
        const { work, on } = this.underWay;
        await this.wait(`a ${work} already under way on the ${on}`, timeoutMs, signal, async () => {
            const busy = await this.busy(signal);
            return busy ? { done: false, status: busy } : { done: true, value: true };
        });
        this.logger.debug(`${this.name}: no ${work} under way; ${owner} goes ahead`);
        return { release: async () => { } };
    }
    async shift(color, percent, signal) {
        if (percent !== 100 && percent !== 0)
            throw new Error(`${this.name} cannot split traffic (asked for ${percent}% on ${color})`);
        await this.switchTo(percent === 100 ? color : (0,types/* otherColor */.I)(color), signal);
    }
    async rollback(to, reason, signal) {
        await this.switchTo(to, signal, reason);
    }
    savePaused(paused) {
        // The engine never pauses a provider without weights (one step); there is nothing to persist.
        return paused ? Promise.reject(new Error(`${this.name} has no percentage split, so a deployment cannot be paused between steps`)) : Promise.resolve();
    }
    record(entry) {
        // The platform keeps the record itself (read by status).
        this.logger.debug(`${this.name}: ${entry.outcome} ${entry.version}`);
        return Promise.resolve();
    }
    async close() { }
    wait(what, timeoutMs, signal, check, first) {
        return (0,provider_clock/* waitWithProgress */.lr)(this.clock, this.logger, what, timeoutMs, signal, check, first);
    }
}


/***/ }),

/***/ 75515:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IB: () => (/* binding */ platformClock),
/* harmony export */   KI: () => (/* binding */ clientDeps),
/* harmony export */   lr: () => (/* binding */ waitWithProgress)
/* harmony export */ });
/* unused harmony export injectedSleep */
/* harmony import */ var _core_poll_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(54219);

/** The injected sleep without the signal (the callers abort between sleeps themselves), or undefined for the real one. */
function injectedSleep(deps) {
    const { sleep } = deps;
    return sleep ? (ms) => sleep(ms) : undefined;
}
function clientDeps(deps) {
    const sleep = injectedSleep(deps);
    return { logger: deps.logger, ...(sleep ? { sleep } : {}) };
}
/** A platform's poll clock: its poll interval, doubling up to 15 s (or up to the interval itself when that is longer). */
function platformClock(deps, pollIntervalMs) {
    const sleep = injectedSleep(deps);
    return (0,_core_poll_js__WEBPACK_IMPORTED_MODULE_0__/* .pollClock */ .kO)({ ...(sleep ? { sleep } : {}), pollIntervalMs, maxPollIntervalMs: Math.max(pollIntervalMs, 15_000) });
}
/** Polls `check` until done, a progress line per poll; `first` is a result already in hand, returned at once when done. */
async function waitWithProgress(clock, logger, what, timeoutMs, signal, check, first) {
    if (first?.done)
        return first.value;
    return (0,_core_poll_js__WEBPACK_IMPORTED_MODULE_0__/* .waitUntil */ .a0)({
        what,
        timeoutMs,
        intervalMs: clock.intervalMs,
        maxIntervalMs: clock.maxIntervalMs,
        check,
        onProgress: ({ status, elapsedMs }) => logger.info(`  … waiting for ${what}: ${status} (${Math.round(elapsedMs / 1000)}s)`),
        sleep: clock.sleep,
        now: clock.now,
        signal
    });
}


/***/ }),

/***/ 47227:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  VercelTrafficProvider: () => (/* binding */ VercelTrafficProvider),
  createVercelProvider: () => (/* binding */ createVercelProvider)
});

// EXTERNAL MODULE: ./packages/providers/traffic/platform-provider.ts + 1 modules
var platform_provider = __webpack_require__(12283);
// EXTERNAL MODULE: ./packages/providers/traffic/types.ts
var types = __webpack_require__(6996);
// EXTERNAL MODULE: ./packages/providers/traffic/vercel/config.ts
var config = __webpack_require__(80631);
// EXTERNAL MODULE: ./packages/providers/traffic/api-call.ts
var api_call = __webpack_require__(89466);
;// CONCATENATED MODULE: ./packages/providers/traffic/vercel/vercel-api.ts

/**
 * The four Vercel REST endpoints the provider needs, over api-call.ts: bearer token, team scope,
 * retries with backoff and jitter, a per-attempt timeout and Retry-After on 429.
 */
class VercelApi {
    config;
    deps;
    constructor(config, deps) {
        this.config = config;
        this.deps = deps;
    }
    getProject(signal) {
        // rollbackInfo asks newer API versions to include lastAliasRequest (the last promote or rollback and its job status).
        return this.call('GET', `/v9/projects/${encodeURIComponent(this.config.project)}`, { rollbackInfo: 'true' }, signal);
    }
    getDeployment(idOrUrl, signal) {
        return this.call('GET', `/v13/deployments/${encodeURIComponent(idOrUrl)}`, {}, signal);
    }
    /** Points every production domain at an existing deployment, without rebuilding it (201 or 202). */
    async promote(projectId, deploymentId, signal) {
        await this.call('POST', `/v10/projects/${encodeURIComponent(projectId)}/promote/${encodeURIComponent(deploymentId)}`, {}, signal);
    }
    /** Instant rollback: production domains back to an earlier production deployment (201). */
    async rollback(projectId, deploymentId, description, signal) {
        await this.call('POST', `/v1/projects/${encodeURIComponent(projectId)}/rollback/${encodeURIComponent(deploymentId)}`, { description: description.slice(0, 200) }, signal);
    }
    async call(method, path, query, signal) {
        const url = new URL(`${this.config.apiUrl}${path}`);
        for (const [name, value] of Object.entries({ ...query, ...(this.config.team ?? {}) }))
            url.searchParams.set(name, value);
        const answer = await (0,api_call/* apiCall */.H)({
            platform: 'Vercel',
            method,
            url: url.toString(),
            token: this.config.token,
            // Vercel's POST endpoints take their parameters in the path and query: the body is an empty object.
            ...(method === 'POST' ? { body: {} } : {}),
            signal,
            ...this.deps,
            access: `${method === 'GET' ? 'read' : 'change'} project ${this.config.project}${this.config.team ? ' in that team' : ''} (see docs/providers/vercel.md for the access it needs)`
        });
        return answer ?? {};
    }
}

;// CONCATENATED MODULE: ./packages/providers/traffic/vercel/vercel-mapping.ts



function productionId(project) {
    return project.targets?.production?.id ?? undefined;
}
/** The deployment production served before the current one, when the last request promoted the current one. */
function previousProductionId(project) {
    const last = project.lastAliasRequest;
    const current = productionId(project);
    if (!last || !current || last.toDeploymentId !== current || last.type !== 'promote' || last.jobStatus !== 'succeeded')
        return undefined;
    return last.fromDeploymentId ?? undefined;
}
function toTrafficStatus(project, colors) {
    const current = productionId(project);
    const active = current ? colors.colorOf(current) : 'blue';
    const previous = previousProductionId(project);
    if (previous)
        colors.set((0,types/* otherColor */.I)(active), previous);
    const last = project.lastAliasRequest;
    const history = [];
    if (last && last.jobStatus === 'succeeded') {
        const rolledBack = last.type === 'rollback' ? last.fromDeploymentId : undefined;
        history.push(rolledBack
            ? { version: rolledBack, color: (0,types/* otherColor */.I)(active), at: new Date(last.requestedAt).toISOString(), outcome: 'rolled-back' }
            : { version: last.toDeploymentId, color: colors.colorOf(last.toDeploymentId), at: new Date(last.requestedAt).toISOString(), outcome: 'promoted' });
    }
    return {
        active,
        ...(current ? { activeVersion: current } : {}),
        ...(previous ? { previousVersion: previous } : {}),
        weights: { [active]: 100, [(0,types/* otherColor */.I)(active)]: 0 },
        history
    };
}
/** One poll of a deployment being built: done when READY, an error when it can never be. */
function readiness(deployment) {
    if (deployment.readyState === 'READY')
        return { done: true, value: deployment };
    if (deployment.readyState === 'ERROR' || deployment.readyState === 'CANCELED' || deployment.readyState === 'DELETED') {
        throw new Error(`deployment ${deployment.id} is ${deployment.readyState}${deployment.errorMessage ? `: ${deployment.errorMessage}` : ''}; it can never serve`);
    }
    return { done: false, status: deployment.readyState };
}
/** One poll of a promote or rollback to `targetId`: done when production points at it. */
function aliasing(project, targetId) {
    const last = project.lastAliasRequest;
    const current = productionId(project);
    if (last && last.toDeploymentId === targetId && last.jobStatus === 'failed') {
        throw new Error(`Vercel's ${last.type} to ${targetId} failed; production still serves ${current ?? 'no deployment'}`);
    }
    if (current === targetId && (!last || last.toDeploymentId !== targetId || last.jobStatus === 'succeeded' || last.jobStatus === 'skipped'))
        return { done: true, value: true };
    const job = last && last.toDeploymentId === targetId ? last.jobStatus : 'requested';
    return { done: false, status: `${job}; production serves ${current ?? 'no deployment'}` };
}
/** A promote or rollback of this project still under way (Vercel runs one at a time). */
function aliasJobUnderWay(project) {
    const last = project.lastAliasRequest;
    return last && (last.jobStatus === 'pending' || last.jobStatus === 'in-progress') ? last : undefined;
}
/** The production address: the first production alias (a custom domain first, then *.vercel.app). */
function productionUrl(project) {
    const aliases = project.targets?.production?.alias ?? [];
    const alias = aliases.find((a) => !a.endsWith('.vercel.app')) ?? aliases[0];
    return alias ? `https://${alias}/` : undefined;
}

;// CONCATENATED MODULE: ./packages/providers/traffic/vercel/provider.ts





/**
 * Vercel: the release is an existing deployment (the preview the Git integration built, say).
 * prepare waits until it is READY; the one switch promotes it (production domains point at it,
 * no rebuild) and waits until production serves it; rollback is Vercel's instant rollback to the
 * previous production deployment. Vercel keeps every deployment, so the previous one stays ready.
 */
function createVercelProvider(config, deps) {
    return new VercelTrafficProvider(config, deps);
}
class VercelTrafficProvider extends platform_provider/* SingleSwitchProvider */.u {
    name = 'vercel';
    underWay = { work: 'promote or rollback', on: 'project' };
    api = new VercelApi(this.config, this.client);
    project;
    publicUrl() {
        return this.config.publicUrl ?? (this.project ? productionUrl(this.project) : undefined) ?? `https://${this.project?.name ?? this.config.project}.vercel.app/`;
    }
    async status(signal) {
        return toTrafficStatus(await this.readProject(signal), this.colors);
    }
    /** Vercel runs one promote or rollback per project at a time: the lock waits for one under way to finish (use the workflow's `concurrency` for the rest). */
    async busy(signal) {
        const job = aliasJobUnderWay(await this.readProject(signal));
        return job ? `${job.type} to ${job.toDeploymentId} ${job.jobStatus} since ${new Date(job.requestedAt).toISOString()}` : undefined;
    }
    async prepare(release, signal) {
        const ref = (0,config/* deploymentRef */.f8)(release.version);
        if (!ref)
            throw new Error(`"${release.version}" is not a Vercel deployment id or URL`);
        const project = await this.readProject(signal);
        const first = await this.api.getDeployment(ref, signal);
        if (first.projectId && first.projectId !== project.id)
            throw new Error(`deployment ${first.id} belongs to another project (${first.projectId}), not ${project.name}`);
        const ready = await this.wait(`deployment ${first.id} to be READY`, this.config.readyTimeoutMs, signal, async () => readiness(await this.api.getDeployment(first.id, signal)), readiness(first));
        const active = toTrafficStatus(project, this.colors).active;
        const color = (0,types/* otherColor */.I)(active);
        if (productionId(project) === ready.id)
            this.logger.info(`deployment ${ready.id} already serves production`);
        else
            this.colors.set(color, ready.id);
        const commit = ready.meta?.githubCommitSha ? ` (commit ${ready.meta.githubCommitSha.slice(0, 12)})` : '';
        this.logger.info(`vercel: deployment ${ready.id}${commit} is READY at https://${ready.url}`);
        return { color: productionId(project) === ready.id ? active : color, version: release.version, directUrl: `https://${ready.url}/` };
    }
    promote(color, version) {
        this.logger.info(`vercel: ${version} (${color}) serves production; the previous production deployment stays for an instant rollback`);
        return Promise.resolve();
    }
    async switchTo(color, signal, rollbackReason) {
        await this.pointProductionAt(color, rollbackReason === undefined ? 'promote' : 'rollback', rollbackReason ?? 'promoted by blue-green-swap', signal);
    }
    /** Production domains to the deployment playing `color`; no call when it already serves them. Ends in a known state or says which. */
    async pointProductionAt(color, how, reason, signal) {
        const project = await this.readProject(signal);
        const current = productionId(project);
        const target = this.colors.idOf(color) ?? (current && this.colors.colorOf(current) === color ? current : undefined);
        if (!target)
            throw new Error(`no deployment is known for ${color}; production still serves ${current ?? 'no deployment'}`);
        if (current === target) {
            this.logger.info(`vercel: production already serves ${target} (${color})`);
            return;
        }
        // Vercel's rollback only goes to an earlier production deployment; a promote goes to any READY one (also back to blue).
        const useRollback = how === 'rollback' && current !== undefined;
        this.logger.info(`vercel: ${useRollback ? 'rolling back' : 'promoting'} production from ${current ?? 'no deployment'} to ${target} (${color})`);
        try {
            if (useRollback)
                await this.api.rollback(project.id, target, reason, signal);
            else
                await this.api.promote(project.id, target, signal);
        }
        catch (error) {
            if (useRollback && /HTTP (409|422)/.test(String(error.message))) {
                this.logger.warning(`vercel: rollback refused (${error.message}); promoting ${target} instead`);
                await this.api.promote(project.id, target, signal);
            }
            else {
                throw await this.knownState(error, signal);
            }
        }
        try {
            await this.wait(`production to serve ${target}`, this.config.promoteTimeoutMs, signal, async () => aliasing(await this.readProject(signal), target));
        }
        catch (error) {
            throw await this.knownState(error, signal);
        }
        this.logger.info(`vercel: production serves ${target} (${color})`);
    }
    /** Adds where production stands to a failure, so the run says which deployment serves users. */
    async knownState(error, signal) {
        const text = error instanceof Error ? error.message : String(error);
        if (/production (still )?serves/.test(text))
            return error instanceof Error ? error : new Error(text);
        try {
            const current = productionId(await this.readProject(signal));
            return new Error(`${text}; production serves ${current ?? 'no deployment'}${current ? ` (${this.colors.colorOf(current)})` : ''}`, { cause: error });
        }
        catch {
            return new Error(`${text}; where production stands could not be read`, { cause: error });
        }
    }
    async readProject(signal) {
        this.project = await this.api.getProject(signal);
        return this.project;
    }
}


/***/ })

};

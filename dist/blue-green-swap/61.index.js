export const id = 61;
export const ids = [61];
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

/***/ 99249:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ RedeployProvider)
/* harmony export */ });
/* harmony import */ var _platform_provider_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12283);

/**
 * A single-switch platform that deploys in place (Render, Railway): one deployment serves; the way
 * back to a color is the platform's rollback, which starts a new deployment from an earlier one's
 * artifact and is waited for until it serves.
 */
class RedeployProvider extends _platform_provider_js__WEBPACK_IMPORTED_MODULE_0__/* .SingleSwitchProvider */ .u {
    get underWay() {
        return { work: this.words.unit, on: 'service' };
    }
    /** Brings the deployment playing `color` back with the platform's rollback; no call when it serves already. */
    async switchTo(color, signal) {
        const { unit, none, serves } = this.words;
        const serving = await this.serving(signal);
        const target = this.colors.idOf(color);
        if (!target)
            throw new Error(`no ${unit} is known for ${color}; the service serves ${serving ? this.describe(serving) : none}`);
        if (serving?.id === target) {
            this.logger.info(`${this.name}: ${this.describe(serving)} (${color}) ${serves}`);
            return;
        }
        this.logger.info(`${this.name}: rolling back from ${serving ? this.describe(serving) : none} to ${unit} ${target} (${color})`);
        try {
            await this.redeploy(color, target, serving, signal);
        }
        catch (error) {
            const now = await this.serving(signal).catch(() => undefined);
            throw new Error(`${error instanceof Error ? error.message : String(error)}; the service serves ${now ? this.describe(now) : `an unknown ${unit}`}`, { cause: error });
        }
    }
    describe(deployment) {
        return `${this.words.unit} ${deployment.id} (${this.versionOf(deployment)})`;
    }
}


/***/ }),

/***/ 6061:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  RenderTrafficProvider: () => (/* binding */ RenderTrafficProvider),
  createRenderProvider: () => (/* binding */ createRenderProvider)
});

// EXTERNAL MODULE: ./packages/providers/traffic/redeploy-provider.ts
var redeploy_provider = __webpack_require__(99249);
// EXTERNAL MODULE: ./packages/providers/traffic/types.ts
var types = __webpack_require__(6996);
// EXTERNAL MODULE: ./packages/providers/traffic/api-call.ts
var api_call = __webpack_require__(89466);
;// CONCATENATED MODULE: ./packages/providers/traffic/render/render-api.ts

/** The Render REST endpoints the provider needs (https://api.render.com/v1). */
class RenderApi {
    config;
    deps;
    constructor(config, deps) {
        this.config = config;
        this.deps = deps;
    }
    getService(signal) {
        return this.call('GET', '', undefined, signal, 'read');
    }
    /** Newest first. */
    async listDeploys(signal) {
        const page = await this.call('GET', '/deploys?limit=20', undefined, signal, 'read');
        return (page ?? []).map((entry) => entry.deploy);
    }
    getDeploy(id, signal) {
        return this.call('GET', `/deploys/${encodeURIComponent(id)}`, undefined, signal, 'read');
    }
    /** 201 with the new deploy, or 202 when Render queued it behind another (no body then). */
    triggerDeploy(body, signal) {
        return this.call('POST', '/deploys', { clearCache: 'do_not_clear', ...body }, signal, 'deploy');
    }
    rollback(deployId, signal) {
        return this.call('POST', '/rollback', { deployId }, signal, 'deploy');
    }
    call(method, path, body, signal, access) {
        return (0,api_call/* apiCall */.H)({
            platform: 'Render',
            method,
            url: `${this.config.apiUrl}/v1/services/${encodeURIComponent(this.config.serviceId)}${path}`,
            token: this.config.apiKey,
            ...(body !== undefined ? { body } : {}),
            signal,
            ...this.deps,
            access: `${access} service ${this.config.serviceId} (an API key of a workspace member who can deploy it)`
        });
    }
}

// EXTERNAL MODULE: ./packages/providers/traffic/serving-status.ts
var serving_status = __webpack_require__(21456);
;// CONCATENATED MODULE: ./packages/providers/traffic/render/render-mapping.ts

const FAILED = ['build_failed', 'update_failed', 'pre_deploy_failed', 'canceled'];
/** What a deploy runs, as shown and compared: the image reference, else the commit, else the deploy id. */
function deployVersion(deploy) {
    return deploy.image?.ref || deploy.commit?.id || deploy.id;
}
/** Render's rollback makes a new deploy from an earlier one's artifact; its trigger says so. */
function isRollback(deploy) {
    return /rollback/.test(deploy.trigger ?? '');
}
/** The live deploy and the one live before it (deploys listed newest first). */
function liveAndPrevious(deploys) {
    const index = deploys.findIndex((d) => d.status === 'live');
    if (index < 0)
        return {};
    return { live: deploys[index], previous: deploys.slice(index + 1).find((d) => d.status === 'deactivated') };
}
function toTrafficStatus(deploys, colors) {
    const { live, previous } = liveAndPrevious(deploys);
    return (0,serving_status/* servingStatus */.j)(live, previous, colors, { version: deployVersion, at: (d) => d.finishedAt ?? d.createdAt ?? new Date(0).toISOString(), isRollback });
}
/** One poll of a deploy: done when live; an error when it failed or a newer deploy replaced it. */
function deployProgress(deploy) {
    if (deploy.status === 'live')
        return { done: true, value: deploy };
    if (FAILED.includes(deploy.status))
        throw new Error(`Render deploy ${deploy.id} ended ${deploy.status}; the service still serves its previous deploy`);
    if (deploy.status === 'deactivated')
        throw new Error(`Render deploy ${deploy.id} was replaced by a newer deploy before it went live`);
    return { done: false, status: deploy.status };
}
/** The body of POST /v1/services/{id}/deploys for a release: an image for image-backed services, else a commit. */
function deployRequest(release) {
    return release.image ? { imageUrl: release.image } : { commitId: release.version };
}

;// CONCATENATED MODULE: ./packages/providers/traffic/render/provider.ts




/**
 * Render: one service, one live deploy. prepare triggers a deploy of the image or commit and waits
 * until it is live (Render moves traffic only once the new instance passes the service's health
 * check; a failed deploy leaves the previous one serving). The switch is therefore done when
 * prepare returns; shift confirms it. Rollback is Render's rollback endpoint: a new deploy from
 * the previous deploy's artifact, waited until live. Render keeps the record: its list of deploys.
 */
const IN_PROGRESS = new Set(['created', 'queued', 'build_in_progress', 'update_in_progress', 'pre_deploy_in_progress']);
function createRenderProvider(config, deps) {
    return new RenderTrafficProvider(config, deps);
}
class RenderTrafficProvider extends redeploy_provider/* RedeployProvider */.O {
    name = 'render';
    words = { unit: 'deploy', none: 'no live deploy', serves: 'is live' };
    api = new RenderApi(this.config, this.client);
    service;
    publicUrl() {
        const url = this.config.publicUrl ?? this.service?.serviceDetails?.url;
        return url ? (url.endsWith('/') ? url : `${url}/`) : `https://${this.config.serviceId}.onrender.com/`;
    }
    async status(signal) {
        this.service ??= await this.api.getService(signal);
        return toTrafficStatus(await this.api.listDeploys(signal), this.colors);
    }
    /** A deploy under way on the service (Render would queue ours behind it). */
    async busy(signal) {
        const busy = (await this.api.listDeploys(signal)).find((d) => IN_PROGRESS.has(d.status));
        return busy ? `deploy ${busy.id} ${busy.status}` : undefined;
    }
    async prepare(release, signal) {
        const before = liveAndPrevious(await this.api.listDeploys(signal)).live;
        const active = before ? this.colors.colorOf(before.id) : 'blue';
        const color = (0,types/* otherColor */.I)(active);
        const body = deployRequest(release);
        this.logger.info(`render: deploying ${'imageUrl' in body ? `image ${body.imageUrl}` : `commit ${body.commitId}`} to ${this.config.serviceId}`);
        const started = (await this.api.triggerDeploy(body, signal)) ?? (await this.newestDeploy(before?.id, signal));
        this.colors.set(color, started.id);
        await this.waitLive(started, signal);
        return { color, version: release.version, directUrl: this.publicUrl() };
    }
    promote(color, version) {
        this.logger.info(`render: ${version} (${color}) is live; the previous deploy stays available to Render's rollback`);
        return Promise.resolve();
    }
    async serving(signal) {
        return liveAndPrevious(await this.api.listDeploys(signal)).live;
    }
    versionOf(deploy) {
        return deployVersion(deploy);
    }
    async redeploy(color, target, live, signal) {
        const started = (await this.api.rollback(target, signal)) ?? (await this.newestDeploy(live?.id, signal));
        this.colors.set(color, started.id);
        await this.waitLive(started, signal);
    }
    async waitLive(deploy, signal) {
        return this.wait(`Render deploy ${deploy.id} to go live`, this.config.deployTimeoutMs, signal, async () => deployProgress(await this.api.getDeploy(deploy.id, signal)), deployProgress(deploy));
    }
    /** After a 202 (queued, no body): the newest deploy that is not the one live before. */
    async newestDeploy(previousLive, signal) {
        const newest = (await this.api.listDeploys(signal)).find((d) => d.id !== previousLive);
        if (!newest)
            throw new Error('Render accepted the deploy but lists no new deploy');
        return newest;
    }
}


/***/ }),

/***/ 21456:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ servingStatus)
/* harmony export */ });
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6996);

/**
 * Where a platform that serves one deployment stands (Render, Railway): the serving deployment plays
 * the active color, the one it replaced the previous color; the history is how the serving one came.
 */
function servingStatus(serving, previous, colors, read) {
    const active = serving ? colors.colorOf(serving.id) : 'blue';
    // After a rollback the deployment serving before it is the one rolled back from: nothing to roll back to.
    const keepPrevious = previous && serving && !read.isRollback(serving);
    if (keepPrevious)
        colors.set((0,_types_js__WEBPACK_IMPORTED_MODULE_0__/* .otherColor */ .I)(active), previous.id);
    const history = [];
    if (serving) {
        const at = read.at(serving);
        history.push(read.isRollback(serving) && previous
            ? { version: read.version(previous), color: (0,_types_js__WEBPACK_IMPORTED_MODULE_0__/* .otherColor */ .I)(active), at, outcome: 'rolled-back' }
            : { version: read.version(serving), color: active, at, outcome: 'promoted' });
    }
    return {
        active,
        ...(serving ? { activeVersion: read.version(serving) } : {}),
        ...(keepPrevious ? { previousVersion: read.version(previous) } : {}),
        weights: { [active]: 100, [(0,_types_js__WEBPACK_IMPORTED_MODULE_0__/* .otherColor */ .I)(active)]: 0 },
        history
    };
}


/***/ })

};

export const id = 473;
export const ids = [473];
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

/***/ 53473:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  RailwayTrafficProvider: () => (/* binding */ RailwayTrafficProvider),
  createRailwayProvider: () => (/* binding */ createRailwayProvider)
});

// EXTERNAL MODULE: ./packages/providers/traffic/redeploy-provider.ts
var redeploy_provider = __webpack_require__(99249);
// EXTERNAL MODULE: ./packages/providers/traffic/types.ts
var types = __webpack_require__(6996);
// EXTERNAL MODULE: ./packages/providers/traffic/api-call.ts
var api_call = __webpack_require__(89466);
// EXTERNAL MODULE: ./packages/providers/traffic/serving-status.ts
var serving_status = __webpack_require__(21456);
;// CONCATENATED MODULE: ./packages/providers/traffic/railway/railway-mapping.ts

const IN_PROGRESS = ['INITIALIZING', 'QUEUED', 'WAITING', 'BUILDING', 'DEPLOYING', 'NEEDS_APPROVAL'];
function isInProgress(deployment) {
    return IN_PROGRESS.includes(deployment.status);
}
function deploymentVersion(deployment) {
    const meta = deployment.meta ?? {};
    return (typeof meta.image === 'string' && meta.image) || (typeof meta.commitHash === 'string' && meta.commitHash) || deployment.id;
}
function isRollback(deployment) {
    return deployment.meta?.reason === 'rollback';
}
/** The serving deployment and the one before it (newest first; SLEEPING still serves, woken by a request). */
function activeAndPrevious(deployments) {
    const index = deployments.findIndex((d) => d.status === 'SUCCESS' || d.status === 'SLEEPING');
    if (index < 0)
        return {};
    return { active: deployments[index], previous: deployments.slice(index + 1).find((d) => d.status === 'REMOVED' && d.canRollback !== false) };
}
function toTrafficStatus(deployments, colors) {
    const { active, previous } = activeAndPrevious(deployments);
    return (0,serving_status/* servingStatus */.j)(active, previous, colors, { version: deploymentVersion, at: (d) => d.createdAt ?? new Date(0).toISOString(), isRollback });
}
/** One poll of a deployment: done at SUCCESS; an error when it failed, crashed or was removed or skipped. */
function deploymentProgress(deployment) {
    if (deployment.status === 'SUCCESS')
        return { done: true, value: deployment };
    if (isInProgress(deployment))
        return { done: false, status: deployment.status };
    throw new Error(`Railway deployment ${deployment.id} ended ${deployment.status}; the service keeps serving its previous deployment`);
}
/** Railway answers GraphQL errors with HTTP 200 and an `errors` list. */
function graphqlData(answer, operation) {
    if (answer?.errors && answer.errors.length > 0)
        throw new Error(`Railway API ${operation}: ${answer.errors.map((e) => e.message).join('; ')}`);
    if (!answer?.data)
        throw new Error(`Railway API ${operation}: no data in the answer`);
    return answer.data;
}

;// CONCATENATED MODULE: ./packages/providers/traffic/railway/railway-api.ts


/** The Railway public GraphQL API (backboard.railway.com/graphql/v2): the queries and mutations the provider needs. */
const DEPLOYMENT_FIELDS = 'id status createdAt staticUrl canRollback meta';
class RailwayApi {
    config;
    deps;
    constructor(config, deps) {
        this.config = config;
        this.deps = deps;
    }
    /** Newest first. */
    async deployments(signal) {
        const data = await this.call('deployments', `query deployments($input: DeploymentListInput!, $first: Int) { deployments(input: $input, first: $first) { edges { node { ${DEPLOYMENT_FIELDS} } } } }`, { input: { serviceId: this.config.serviceId, environmentId: this.config.environmentId }, first: 20 }, signal);
        return data.deployments.edges.map((edge) => edge.node);
    }
    async deployment(id, signal) {
        return (await this.call('deployment', `query deployment($id: String!) { deployment(id: $id) { ${DEPLOYMENT_FIELDS} } }`, { id }, signal)).deployment;
    }
    /** Points the service instance at an image (the next deploy runs it). */
    async setImage(image, signal) {
        await this.call('serviceInstanceUpdate', 'mutation serviceInstanceUpdate($serviceId: String!, $environmentId: String, $input: ServiceInstanceUpdateInput!) { serviceInstanceUpdate(serviceId: $serviceId, environmentId: $environmentId, input: $input) }', { serviceId: this.config.serviceId, environmentId: this.config.environmentId, input: { source: { image } } }, signal);
    }
    /** Deploys the service instance (a commit of its repository, or its configured image); returns the new deployment's id. */
    async deploy(commitSha, signal) {
        const data = await this.call('serviceInstanceDeployV2', 'mutation serviceInstanceDeployV2($serviceId: String!, $environmentId: String!, $commitSha: String) { serviceInstanceDeployV2(serviceId: $serviceId, environmentId: $environmentId, commitSha: $commitSha) }', { serviceId: this.config.serviceId, environmentId: this.config.environmentId, ...(commitSha ? { commitSha } : {}) }, signal);
        return data.serviceInstanceDeployV2;
    }
    /** Rolls the service instance back to an earlier deployment (Railway starts a new deployment from it). */
    async rollback(deploymentId, signal) {
        await this.call('deploymentRollback', 'mutation deploymentRollback($id: String!) { deploymentRollback(id: $id) }', { id: deploymentId }, signal);
    }
    async call(operation, query, variables, signal) {
        const answer = await (0,api_call/* apiCall */.H)({
            platform: 'Railway',
            method: 'POST',
            url: this.config.apiUrl,
            token: this.config.token,
            // A project token goes in its own header; account and workspace tokens are bearer tokens.
            ...(this.config.tokenType === 'project' ? { headers: { 'project-access-token': this.config.token } } : {}),
            body: { query, variables },
            signal,
            ...this.deps,
            access: `${operation} on service ${this.config.serviceId} in environment ${this.config.environmentId}`
        });
        return graphqlData(answer, operation);
    }
}

;// CONCATENATED MODULE: ./packages/providers/traffic/railway/provider.ts




/**
 * Railway: one service instance (service × environment), one serving deployment. prepare deploys
 * a commit (serviceInstanceDeployV2 with commitSha) or an image (serviceInstanceUpdate of the
 * source image, then serviceInstanceDeployV2) and waits for SUCCESS; Railway moves traffic once
 * the new deployment passes its healthcheck, and a failed one leaves the previous serving. The
 * switch is done when prepare returns; shift confirms it. Rollback is deploymentRollback to the
 * previous deployment, waited until SUCCESS. Railway keeps the record: the instance's deployments.
 */
function createRailwayProvider(config, deps) {
    return new RailwayTrafficProvider(config, deps);
}
class RailwayTrafficProvider extends redeploy_provider/* RedeployProvider */.O {
    name = 'railway';
    words = { unit: 'deployment', none: 'no deployment', serves: 'serves' };
    api = new RailwayApi(this.config, this.client);
    staticUrl;
    /** The image the service instance ran before prepare changed its source (restored when the new one is rolled back). */
    replacedImage;
    publicUrl() {
        return this.config.publicUrl ?? (this.staticUrl ? `https://${this.staticUrl}/` : `https://${this.config.serviceId}.up.railway.app/`);
    }
    async status(signal) {
        return toTrafficStatus(await this.list(signal), this.colors);
    }
    /** A deployment under way on the service instance. */
    async busy(signal) {
        const busy = (await this.list(signal)).find(isInProgress);
        return busy ? `deployment ${busy.id} ${busy.status}` : undefined;
    }
    async prepare(release, signal) {
        const before = activeAndPrevious(await this.list(signal)).active;
        const color = (0,types/* otherColor */.I)(before ? this.colors.colorOf(before.id) : 'blue');
        if (release.image) {
            const current = before?.meta?.image;
            this.logger.info(`railway: setting the service's image to ${release.image}, then deploying it`);
            await this.api.setImage(release.image, signal);
            if (typeof current === 'string' && current !== release.image)
                this.replacedImage = current;
        }
        else {
            this.logger.info(`railway: deploying commit ${release.version}`);
        }
        const id = await this.api.deploy(release.image ? undefined : release.version, signal);
        this.colors.set(color, id);
        await this.waitSuccess(id, signal);
        return { color, version: release.version, directUrl: this.publicUrl() };
    }
    promote(color, version) {
        this.replacedImage = undefined;
        this.logger.info(`railway: ${version} (${color}) serves; the previous deployment stays available to Railway's rollback`);
        return Promise.resolve();
    }
    async rollback(to, reason, signal) {
        await super.rollback(to, reason, signal);
        if (this.replacedImage) {
            // The deployment serving is right again; the instance's source must not keep the failed image for the next deploy.
            this.logger.info(`railway: restoring the service's image setting to ${this.replacedImage}`);
            await this.api.setImage(this.replacedImage, signal);
            this.replacedImage = undefined;
        }
    }
    async serving(signal) {
        return activeAndPrevious(await this.list(signal)).active;
    }
    versionOf(deployment) {
        return deploymentVersion(deployment);
    }
    async redeploy(color, target, active, signal) {
        await this.api.rollback(target, signal);
        const started = (await this.list(signal)).find((d) => d.id !== active?.id && d.id !== target && isInProgress(d));
        const id = started?.id ?? target;
        this.colors.set(color, id);
        await this.waitSuccess(id, signal);
    }
    async list(signal) {
        const deployments = await this.api.deployments(signal);
        const serving = activeAndPrevious(deployments).active;
        if (serving?.staticUrl)
            this.staticUrl = serving.staticUrl;
        return deployments;
    }
    waitSuccess(id, signal) {
        return this.wait(`Railway deployment ${id} to succeed`, this.config.deployTimeoutMs, signal, async () => deploymentProgress(await this.api.deployment(id, signal)));
    }
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

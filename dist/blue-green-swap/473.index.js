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

/***/ 8814:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ ColorBook)
/* harmony export */ });
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

// EXTERNAL MODULE: ./packages/core/poll.ts
var poll = __webpack_require__(54219);
// EXTERNAL MODULE: ./packages/providers/traffic/color-book.ts
var color_book = __webpack_require__(8814);
// EXTERNAL MODULE: ./packages/providers/traffic/types.ts
var types = __webpack_require__(6996);
// EXTERNAL MODULE: ./packages/providers/traffic/api-call.ts
var api_call = __webpack_require__(89466);
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
    const { active: serving, previous } = activeAndPrevious(deployments);
    const active = serving ? colors.colorOf(serving.id) : 'blue';
    const keepPrevious = previous && serving && !isRollback(serving);
    if (keepPrevious)
        colors.set((0,types/* otherColor */.I)(active), previous.id);
    const history = [];
    if (serving) {
        const at = serving.createdAt ?? new Date(0).toISOString();
        history.push(isRollback(serving) && previous
            ? { version: deploymentVersion(previous), color: (0,types/* otherColor */.I)(active), at, outcome: 'rolled-back' }
            : { version: deploymentVersion(serving), color: active, at, outcome: 'promoted' });
    }
    return {
        active,
        ...(serving ? { activeVersion: deploymentVersion(serving) } : {}),
        ...(keepPrevious ? { previousVersion: deploymentVersion(previous) } : {}),
        weights: { [active]: 100, [(0,types/* otherColor */.I)(active)]: 0 },
        history
    };
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
            logger: this.deps.logger,
            ...(this.deps.sleep ? { sleep: this.deps.sleep } : {}),
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
 * previous deployment, waited until SUCCESS.
 */
function createRailwayProvider(config, deps) {
    return new RailwayTrafficProvider(config, deps);
}
class RailwayTrafficProvider {
    config;
    deps;
    name = 'railway';
    supportsWeights = false;
    api;
    colors = new color_book/* ColorBook */.F();
    clock;
    staticUrl;
    /** The image the service instance ran before prepare changed its source (restored when the new one is rolled back). */
    replacedImage;
    constructor(config, deps) {
        this.config = config;
        this.deps = deps;
        const sleep = deps.sleep ? (ms) => deps.sleep(ms) : undefined;
        this.api = new RailwayApi(config, { logger: deps.logger, ...(sleep ? { sleep } : {}) });
        this.clock = (0,poll/* pollClock */.kO)({ ...(sleep ? { sleep } : {}), pollIntervalMs: config.pollIntervalMs, maxPollIntervalMs: Math.max(config.pollIntervalMs, 15_000) });
    }
    publicUrl() {
        return this.config.publicUrl ?? (this.staticUrl ? `https://${this.staticUrl}/` : `https://${this.config.serviceId}.up.railway.app/`);
    }
    async status(signal) {
        return toTrafficStatus(await this.list(signal), this.colors);
    }
    /** Waits while a deployment of the service instance is under way. */
    async lock(owner, timeoutMs, signal) {
        await this.wait('a deployment already under way on the service', timeoutMs, signal, async () => {
            const busy = (await this.list(signal)).find(isInProgress);
            return busy ? { done: false, status: `deployment ${busy.id} ${busy.status}` } : { done: true, value: true };
        });
        this.deps.logger.debug(`railway: no deployment under way; ${owner} goes ahead`);
        return { release: async () => { } };
    }
    async prepare(release, signal) {
        const before = activeAndPrevious(await this.list(signal)).active;
        const color = (0,types/* otherColor */.I)(before ? this.colors.colorOf(before.id) : 'blue');
        if (release.image) {
            const current = before?.meta?.image;
            this.deps.logger.info(`railway: setting the service's image to ${release.image}, then deploying it`);
            await this.api.setImage(release.image, signal);
            if (typeof current === 'string' && current !== release.image)
                this.replacedImage = current;
        }
        else {
            this.deps.logger.info(`railway: deploying commit ${release.version}`);
        }
        const id = await this.api.deploy(release.image ? undefined : release.version, signal);
        this.colors.set(color, id);
        await this.waitSuccess(id, signal);
        return { color, version: release.version, directUrl: this.publicUrl() };
    }
    async shift(color, percent, signal) {
        if (percent !== 100 && percent !== 0)
            throw new Error(`railway cannot split traffic (asked for ${percent}% on ${color})`);
        await this.bringBack(percent === 100 ? color : (0,types/* otherColor */.I)(color), signal);
    }
    promote(color, version) {
        this.replacedImage = undefined;
        this.deps.logger.info(`railway: ${version} (${color}) serves; the previous deployment stays available to Railway's rollback`);
        return Promise.resolve();
    }
    async rollback(to, _reason, signal) {
        await this.bringBack(to, signal);
        if (this.replacedImage) {
            // The deployment serving is right again; the instance's source must not keep the failed image for the next deploy.
            this.deps.logger.info(`railway: restoring the service's image setting to ${this.replacedImage}`);
            await this.api.setImage(this.replacedImage, signal);
            this.replacedImage = undefined;
        }
    }
    savePaused(paused) {
        return paused ? Promise.reject(new Error('railway has no percentage split, so a deployment cannot be paused between steps')) : Promise.resolve();
    }
    record(entry) {
        // Railway keeps the record: the service instance's deployments (read by status).
        this.deps.logger.debug(`railway: ${entry.outcome} ${entry.version}`);
        return Promise.resolve();
    }
    async close() { }
    async bringBack(color, signal) {
        const active = activeAndPrevious(await this.list(signal)).active;
        const target = this.colors.idOf(color);
        if (!target)
            throw new Error(`no deployment is known for ${color}; the service serves ${active ? this.describe(active) : 'no deployment'}`);
        if (active?.id === target) {
            this.deps.logger.info(`railway: ${this.describe(active)} (${color}) serves`);
            return;
        }
        this.deps.logger.info(`railway: rolling back from ${active ? this.describe(active) : 'no deployment'} to deployment ${target} (${color})`);
        try {
            await this.api.rollback(target, signal);
            const started = (await this.list(signal)).find((d) => d.id !== active?.id && d.id !== target && isInProgress(d));
            const id = started?.id ?? target;
            this.colors.set(color, id);
            await this.waitSuccess(id, signal);
        }
        catch (error) {
            const now = activeAndPrevious(await this.list(signal).catch(() => [])).active;
            throw new Error(`${error instanceof Error ? error.message : String(error)}; the service serves ${now ? this.describe(now) : 'an unknown deployment'}`, { cause: error });
        }
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
    describe(deployment) {
        return `deployment ${deployment.id} (${deploymentVersion(deployment)})`;
    }
    async wait(what, timeoutMs, signal, check) {
        return (0,poll/* waitUntil */.a0)({
            what,
            timeoutMs,
            intervalMs: this.clock.intervalMs,
            maxIntervalMs: this.clock.maxIntervalMs,
            check,
            onProgress: ({ status, elapsedMs }) => this.deps.logger.info(`  … waiting for ${what}: ${status} (${Math.round(elapsedMs / 1000)}s)`),
            sleep: this.clock.sleep,
            now: this.clock.now,
            signal
        });
    }
}


/***/ })

};

export const id = 151;
export const ids = [151];
export const modules = {

/***/ 55151:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  AppServiceTrafficProvider: () => (/* binding */ AppServiceTrafficProvider),
  createAppServiceProvider: () => (/* binding */ createAppServiceProvider)
});

// EXTERNAL MODULE: ./packages/core/http.ts
var http = __webpack_require__(75770);
;// CONCATENATED MODULE: ./packages/core/log.ts
const silentLogger = { info() { }, warning() { }, debug() { } };

// EXTERNAL MODULE: ./packages/core/poll.ts
var poll = __webpack_require__(54219);
// EXTERNAL MODULE: ./packages/core/retry-after.ts
var retry_after = __webpack_require__(53641);
;// CONCATENATED MODULE: ./packages/clouds/azure/arm.ts
/**
 * Azure Resource Manager, the pure half: URLs, the OAuth scope, the origin rule for the Bearer
 * token, ARM error bodies and the async-operation status. arm-client.ts does the calls.
 *
 * Stable API (build-push's ACR token exchange and the Azure traffic providers use it):
 *   ARM_DEFAULT_ENDPOINT, armUrl(endpoint, resourcePath, apiVersion), armScope(endpoint),
 *   isSameOrigin(url, endpoint), parseArmErrorBody(body), formatArmError(detail),
 *   operationPhase(status), types ArmErrorDetail, ArmOperationStatus, OperationPhase.
 */
const ARM_DEFAULT_ENDPOINT = 'https://management.azure.com';
/** ARM URL for a resource path (`/subscriptions/…`), with the api-version. */
function armUrl(endpoint, resourcePath, apiVersion) {
    const base = endpoint.replace(/\/+$/, '');
    const path = resourcePath
        .split('/')
        .map((segment) => encodeURIComponent(decodeURIComponent(segment)))
        .join('/');
    return `${base}${path}?api-version=${encodeURIComponent(apiVersion)}`;
}
/** The OAuth scope for the ARM endpoint: https://management.azure.com/.default, or a sovereign cloud's. */
function armScope(endpoint) {
    return `${new URL(endpoint).origin}/.default`;
}
/**
 * The Bearer token may only travel to the ARM endpoint's own origin: polling URLs come from
 * response headers, so one pointing elsewhere is refused rather than followed with the token.
 */
function isSameOrigin(url, endpoint) {
    try {
        return new URL(url).origin === new URL(endpoint).origin;
    }
    catch {
        return false;
    }
}
/** Azure-AsyncOperation status body → pending / succeeded / failed (with the error code and message). */
function operationPhase(body) {
    const status = body.status ?? 'Unknown';
    const normalized = status.toLowerCase();
    if (normalized === 'succeeded')
        return { phase: 'succeeded' };
    if (normalized === 'failed' || normalized === 'canceled' || normalized === 'cancelled') {
        return { phase: 'failed', status, message: body.error ? formatArmError(body.error) : `operation ${status.toLowerCase()} without an error detail` };
    }
    const percent = typeof body.percentComplete === 'number' && Number.isFinite(body.percentComplete) ? Math.round(body.percentComplete) : undefined;
    return { phase: 'pending', status, ...(percent !== undefined ? { percent } : {}) };
}
/** "Code: message (Inner: detail)". */
function formatArmError(error) {
    const head = [error.code, error.message].filter(Boolean).join(': ') || 'unknown error';
    const details = (error.details ?? []).map((d) => [d.code, d.message].filter(Boolean).join(': ')).filter(Boolean);
    return details.length > 0 ? `${head} (${details.join('; ')})` : head;
}
/** An ARM error response body `{ "error": { "code", "message", "details" } }`, if it is one. */
function parseArmErrorBody(body) {
    try {
        const parsed = JSON.parse(body);
        return parsed && typeof parsed.error === 'object' ? parsed.error : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./packages/clouds/azure/arm-client.ts





class ArmRequestError extends Error {
    status;
    code;
    constructor(message, status, code) {
        super(message);
        this.status = status;
        this.code = code;
        this.name = 'ArmRequestError';
    }
}
class ArmClient {
    endpoint;
    clock;
    credential;
    logger;
    attemptTimeoutMs;
    attempts;
    constructor(options) {
        this.endpoint = (options.endpoint || ARM_DEFAULT_ENDPOINT).replace(/\/+$/, '');
        this.credential = options.credential;
        this.logger = options.logger ?? silentLogger;
        this.clock = (0,poll/* pollClock */.kO)(options);
        this.attemptTimeoutMs = options.attemptTimeoutMs ?? 60_000;
        this.attempts = options.attempts ?? 5;
    }
    url(resourcePath, apiVersion) {
        return armUrl(this.endpoint, resourcePath, apiVersion);
    }
    /** One ARM call: Bearer token, JSON, 429/5xx retried honouring Retry-After, ARM errors decoded. */
    async request(method, url, what, body, signal) {
        const token = await this.credential.getToken(armScope(this.endpoint));
        if (!token)
            throw new Error('Azure sign-in returned no token');
        const headers = { authorization: `Bearer ${token.token}`, accept: 'application/json' };
        if (body !== undefined)
            headers['content-type'] = 'application/json';
        try {
            return await (0,http/* httpRequestWithRetry */.sF)({ url, method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}), timeoutMs: this.attemptTimeoutMs, ...(signal ? { signal } : {}) }, `Azure Resource Manager (${what})`, {
                attempts: this.attempts,
                baseDelayMs: 1_000,
                sleep: this.clock.sleep,
                ...(signal ? { signal } : {}),
                onRetry: ({ attempt, delayMs, error }) => {
                    const status = error instanceof http/* HttpStatusError */.F9 ? `HTTP ${error.status}` : 'network error';
                    this.logger.info(`Azure ${what}: ${status} (attempt ${attempt}); retrying in ${Math.round(delayMs / 100) / 10} s`);
                }
            });
        }
        catch (error) {
            if (error instanceof http/* HttpStatusError */.F9) {
                const detail = parseArmErrorBody(error.response.body);
                const retried = (0,http/* isRetryableStatus */.PS)(error.status) ? ' after retries' : '';
                throw new ArmRequestError(`Azure ${what} failed${retried}: HTTP ${error.status}${detail ? ` ${formatArmError(detail)}` : ''}`, error.status, detail?.code);
            }
            throw error;
        }
    }
    /**
     * Waits for an ARM long-running operation started by `initial`: done at once on 200/201/204
     * without a polling header; otherwise polls Azure-AsyncOperation (preferred) or Location.
     */
    async waitForOperation(initial, what, wait, timeoutHint) {
        const asyncUrl = initial.headers['azure-asyncoperation'];
        const locationUrl = initial.headers['location'];
        if (!asyncUrl && !(initial.status === 202 && locationUrl))
            return;
        const pollUrl = asyncUrl || locationUrl;
        if (!pollUrl)
            return;
        if (!isSameOrigin(pollUrl, this.endpoint))
            throw new Error(`${what}: refusing to poll ${new URL(pollUrl).origin}, which is not the ARM endpoint`);
        let first = true;
        await (0,poll/* waitUntil */.a0)({
            what,
            timeoutMs: wait.timeoutMs,
            ...this.clock,
            signal: wait.signal,
            onProgress: wait.onProgress,
            ...(timeoutHint ? { timeoutHint } : {}),
            check: async () => {
                if (first) {
                    // ARM asks clients to wait Retry-After (if any) before the first poll.
                    first = false;
                    const retryAfterMs = (0,retry_after/* parseRetryAfter */.m)(initial.headers['retry-after']);
                    return { done: false, status: 'Accepted', ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
                }
                const response = await this.request('GET', pollUrl, `poll ${what}`, undefined, wait.signal);
                const retryAfterMs = (0,retry_after/* parseRetryAfter */.m)(response.headers['retry-after']);
                const hint = retryAfterMs !== undefined ? { retryAfterMs } : {};
                if (asyncUrl) {
                    const phase = operationPhase(parseArmJson(response, 'operation status'));
                    if (phase.phase === 'succeeded')
                        return { done: true, value: undefined };
                    if (phase.phase === 'failed')
                        throw new Error(`${what} ${phase.status.toLowerCase()}: ${phase.message}`);
                    return { done: false, status: phase.status, ...(phase.percent !== undefined ? { percent: phase.percent } : {}), ...hint };
                }
                if (response.status === 202)
                    return { done: false, status: 'InProgress', ...hint };
                return { done: true, value: undefined };
            }
        });
    }
}
/** An ARM answer's JSON body (`{}` when empty). */
function parseArmJson(response, what) {
    if (response.body.trim() === '')
        return {};
    try {
        return JSON.parse(response.body);
    }
    catch {
        throw new Error(`Azure ${what} answer is not JSON (HTTP ${response.status})`);
    }
}

// EXTERNAL MODULE: ./packages/core/error-message.ts
var error_message = __webpack_require__(83728);
;// CONCATENATED MODULE: ./packages/clouds/azure/credential-choice.ts
/**
 * Which Azure credential the environment calls for, in the suite's order of preference. Pure:
 * reads only the env object it is given; credential.ts builds the @azure/identity object.
 *
 * 1. GitHub OIDC (federated credential): the job may request an ID token
 *    (ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN are set when the workflow grants `id-token: write`)
 *    and AZURE_CLIENT_ID + AZURE_TENANT_ID name the app registration / managed identity that
 *    trusts it. No secret is stored anywhere.
 * 2. Client secret: AZURE_CLIENT_ID + AZURE_TENANT_ID + AZURE_CLIENT_SECRET.
 * 3. Managed identity (self-hosted runner on an Azure VM, App Service, Arc…), user-assigned when
 *    AZURE_CLIENT_ID is set.
 */
const GITHUB_OIDC_AUDIENCE = 'api://AzureADTokenExchange';
function chooseArmCredential(env) {
    const clientId = env.AZURE_CLIENT_ID?.trim() || undefined;
    const tenantId = env.AZURE_TENANT_ID?.trim() || undefined;
    const clientSecret = env.AZURE_CLIENT_SECRET || undefined;
    const canRequestIdToken = !!env.ACTIONS_ID_TOKEN_REQUEST_URL && !!env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    if (canRequestIdToken && clientId && tenantId)
        return { kind: 'github-oidc', tenantId, clientId };
    if (clientSecret && clientId && tenantId)
        return { kind: 'client-secret', tenantId, clientId, clientSecret };
    return clientId ? { kind: 'managed-identity', clientId } : { kind: 'managed-identity' };
}
/** How to fix a failed sign-in, per credential kind (never includes a secret). */
function credentialHint(choice) {
    switch (choice.kind) {
        case 'github-oidc':
            return `signed in with a GitHub OIDC token for client ${choice.clientId} in tenant ${choice.tenantId}: check that the app registration has a federated credential for this repository/branch/environment with audience ${GITHUB_OIDC_AUDIENCE}`;
        case 'client-secret':
            return `signed in with the client secret of ${choice.clientId} in tenant ${choice.tenantId}: check that the secret is current`;
        case 'managed-identity':
            return 'no GitHub OIDC (grant the job `permissions: id-token: write` and set AZURE_CLIENT_ID and AZURE_TENANT_ID) and no client secret (AZURE_CLIENT_SECRET) is configured, and the managed identity of this host could not sign in';
    }
}

;// CONCATENATED MODULE: ./packages/clouds/azure/credential.ts


/**
 * Builds the @azure/identity credential the environment calls for (see credential-choice.ts for
 * the order). The GitHub ID token is fetched through @actions/core getIDToken (which masks it)
 * every time Entra ID asks for an assertion, so a long wait never outlives a token.
 * @azure/identity is loaded lazily: only Azure providers need it.
 */
async function buildArmCredential(env = process.env) {
    const choice = chooseArmCredential(env);
    const identity = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(491)]).then(__webpack_require__.bind(__webpack_require__, 91491));
    let credential;
    switch (choice.kind) {
        case 'github-oidc': {
            const { getIDToken } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 14116));
            credential = new identity.ClientAssertionCredential(choice.tenantId, choice.clientId, () => getIDToken(GITHUB_OIDC_AUDIENCE));
            break;
        }
        case 'client-secret':
            credential = new identity.ClientSecretCredential(choice.tenantId, choice.clientId, choice.clientSecret);
            break;
        case 'managed-identity':
            credential = choice.clientId ? new identity.ManagedIdentityCredential({ clientId: choice.clientId }) : new identity.ManagedIdentityCredential();
            break;
    }
    return { credential: withSignInHint(credential, choice), choice };
}
/** A failed sign-in says which credential was tried and how to fix it. */
function withSignInHint(credential, choice) {
    return {
        async getToken(scopes, options) {
            try {
                const token = await credential.getToken(scopes, options);
                if (!token)
                    throw new Error('no token returned');
                return token;
            }
            catch (error) {
                const reason = (0,error_message/* errorMessage */.g)(error).split('\n')[0];
                throw new Error(`Azure sign-in failed (${choice.kind}): ${reason} — ${credentialHint(choice)}`, { cause: error });
            }
        }
    };
}

// EXTERNAL MODULE: ./packages/core/markdown.ts
var markdown = __webpack_require__(89031);
// EXTERNAL MODULE: ./packages/providers/traffic/provider-clock.ts
var provider_clock = __webpack_require__(75515);
// EXTERNAL MODULE: ./packages/providers/traffic/types.ts
var types = __webpack_require__(6996);
;// CONCATENATED MODULE: ./packages/providers/traffic/azure-appservice/appservice-mapping.ts

/**
 * Pure half of the azure-appservice provider: ARM resource paths, linuxFxVersion, the production
 * slot's ramp-up rules, and the deploy record kept in the web app's tags.
 *
 * Colors on App Service: the *content* of a slot has a color. The production slot runs the active
 * color; the deployment slot (staging) runs the other. A swap exchanges the contents, so after a
 * promotion the colors have moved slots. The tags on the web app (the production site resource,
 * which a swap does not move) record which color production runs, the version and image of each
 * color, a paused deployment, the color kept in the slot for an instant swap back, and the latest
 * outcomes; status() checks them against the images the slots really run.
 */
const APPSERVICE_API_VERSION = '2024-04-01';
/** ARM tag values are limited to 256 characters. */
const TAG_VALUE_LIMIT = 256;
const TAG_PREFIX = 'deploy-actions-';
function sitePath(ref) {
    return `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.Web/sites/${ref.appName}`;
}
function slotPath(ref) {
    return `${sitePath(ref)}/slots/${ref.slot}`;
}
/** `DOCKER|registry/app:1.2` → `registry/app:1.2`; other stacks (`NODE|20-lts`) and empty → undefined. */
function imageOf(linuxFxVersion) {
    const match = /^DOCKER\|(.+)$/i.exec((linuxFxVersion ?? '').trim());
    return match ? match[1].trim() : undefined;
}
/** The version an image reference names: its tag (`app:1.4.2` → `1.4.2`), its digest, else the whole reference. */
function imageVersion(image) {
    const digest = /@(sha256:[0-9a-f]{12})[0-9a-f]*$/i.exec(image);
    if (digest)
        return digest[1];
    const tag = /:([\w][\w.-]{0,127})$/.exec(image.slice(image.lastIndexOf('/') + 1));
    return tag ? tag[1] : image;
}
function linuxFxVersionFor(image) {
    return `DOCKER|${image}`;
}
/** The rule that reroutes to our slot: by its host name, else by its name (the portal names it after the slot). */
function findRule(rules, slot, slotHost) {
    const list = rules ?? [];
    return list.find((r) => (r.actionHostName ?? '').toLowerCase() === slotHost.toLowerCase()) ?? list.find((r) => (r.name ?? '').toLowerCase() === slot.toLowerCase());
}
function reroutePercent(rules, slot, slotHost) {
    const value = findRule(rules, slot, slotHost)?.reroutePercentage ?? 0;
    return Number.isFinite(value) ? Math.min(100, Math.max(0, value)) : 0;
}
/**
 * The ramp-up rules with ours at `percent` (a fixed split: no automatic change step, so the
 * engine alone moves it); 0 removes our rule. Other rules (other slots) are kept as they are.
 */
function withReroute(rules, slot, slotHost, percent) {
    const ours = findRule(rules, slot, slotHost);
    const others = (rules ?? []).filter((r) => r !== ours);
    if (percent <= 0)
        return others;
    return [...others, { name: slot, actionHostName: slotHost, reroutePercentage: percent }];
}
const COLORS = ['blue', 'green'];
const isColor = (value) => value === 'blue' || value === 'green';
function readState(tags) {
    const t = tags ?? {};
    const tag = (name) => t[`${TAG_PREFIX}${name}`] || undefined;
    const state = { active: isColor(tag('active')) ? tag('active') : 'blue', versions: {}, images: {}, history: [] };
    for (const color of COLORS) {
        if (tag(color))
            state.versions[color] = tag(color);
        if (tag(`${color}-image`))
            state.images[color] = tag(`${color}-image`);
    }
    if (isColor(tag('kept')))
        state.kept = tag('kept');
    state.paused = parsePaused(tag('paused'));
    if (!state.paused)
        delete state.paused;
    state.history = parseHistory(tag('history'));
    const lock = /^(\d+)\|(.+)$/s.exec(tag('lock') ?? '');
    if (lock)
        state.lock = { expiresAt: Number(lock[1]), owner: lock[2] };
    return state;
}
/** The tags to write for `state`, merged over the web app's other tags (ours absent from `state` are removed). */
function writeState(existing, state) {
    const tags = Object.fromEntries(Object.entries(existing ?? {}).filter(([name]) => !name.startsWith(TAG_PREFIX)));
    const put = (name, value) => {
        if (value !== undefined && value !== '')
            tags[`${TAG_PREFIX}${name}`] = value.slice(0, TAG_VALUE_LIMIT);
    };
    put('active', state.active);
    for (const color of COLORS) {
        put(color, state.versions[color]);
        // An image reference longer than a tag holds is left out rather than cut: a cut one would never match.
        const image = state.images[color];
        if (image && image.length <= TAG_VALUE_LIMIT)
            put(`${color}-image`, image);
    }
    put('kept', state.kept);
    if (state.paused)
        put('paused', encodePaused(state.paused));
    put('history', encodeHistory(state.history));
    if (state.lock)
        put('lock', `${state.lock.expiresAt}|${state.lock.owner}`);
    return tags;
}
function encodePaused(p) {
    return JSON.stringify([p.color, p.version, p.weight, p.remainingSteps, p.at]);
}
function parsePaused(raw) {
    if (!raw)
        return undefined;
    try {
        const [color, version, weight, remainingSteps, at] = JSON.parse(raw);
        if (!isColor(color) || typeof version !== 'string' || typeof weight !== 'number' || !Array.isArray(remainingSteps) || typeof at !== 'string')
            return undefined;
        return { color, version, weight, remainingSteps: remainingSteps.filter((s) => typeof s === 'number'), at };
    }
    catch {
        return undefined;
    }
}
const OUTCOMES = ['promoted', 'rolled-back', 'aborted'];
/** The newest records that fit one tag value (reasons are not kept: they do not fit). */
function encodeHistory(history) {
    const entries = [];
    for (const record of history) {
        const next = [...entries, [record.version, record.color, OUTCOMES.indexOf(record.outcome), record.at]];
        if (JSON.stringify(next).length > TAG_VALUE_LIMIT)
            break;
        entries.push(next[next.length - 1]);
    }
    return entries.length > 0 ? JSON.stringify(entries) : undefined;
}
function parseHistory(raw) {
    if (!raw)
        return [];
    try {
        const entries = JSON.parse(raw);
        return entries.flatMap((entry) => {
            if (!Array.isArray(entry))
                return [];
            const [version, color, outcome, at] = entry;
            if (typeof version !== 'string' || !isColor(color) || typeof outcome !== 'number' || !OUTCOMES[outcome] || typeof at !== 'string')
                return [];
            return [{ version, color, outcome: OUTCOMES[outcome], at }];
        });
    }
    catch {
        return [];
    }
}
/**
 * Which color production really runs: the tag, unless the production slot's image is the image
 * recorded for the other color and not the tag's own (a swap the tags missed: a run cancelled
 * between the swap and the tag write, or a swap made in the portal).
 */
function activeColor(state, productionImage) {
    const other = (0,types/* otherColor */.I)(state.active);
    if (productionImage && state.images[other] === productionImage && state.images[state.active] !== productionImage)
        return other;
    return state.active;
}
function toStatus(state, productionImage, reroute) {
    const active = activeColor(state, productionImage);
    const idle = (0,types/* otherColor */.I)(active);
    const activeVersion = state.versions[active];
    const previousVersion = state.kept === idle ? state.versions[idle] : undefined;
    return {
        active,
        ...(activeVersion !== undefined ? { activeVersion } : {}),
        ...(previousVersion !== undefined ? { previousVersion } : {}),
        weights: { [active]: 100 - reroute, [idle]: reroute },
        ...(state.paused ? { paused: state.paused } : {}),
        history: state.history
    };
}
/** `host` or `https://host` → `https://host` (no trailing slash). */
function httpsUrl(hostName) {
    return /^https?:\/\//i.test(hostName) ? hostName.replace(/\/+$/, '') : `https://${hostName}`;
}

;// CONCATENATED MODULE: ./packages/providers/traffic/azure-appservice/provider.ts









/**
 * Blue-green on Azure App Service with a deployment slot (Microsoft.Web, REST api-version
 * 2024-04-01): prepare points the slot at the new image (site config linuxFxVersion) and waits for
 * it to answer on its own address; shift sets the production slot's ramp-up rule (routing rule:
 * reroutePercentage to the slot); promote removes the rule and swaps the slot into production (a
 * long-running operation); rollback removes the rule and swaps back when a swap already happened.
 *
 * REST through packages/clouds/azure/arm-client.ts rather than @azure/arm-appservice: six calls;
 * the suite's client applies our retry policy (per-attempt timeout, 429/5xx with Retry-After,
 * injectable sleep) and long-running-operation polling with progress, where the SDK brings its
 * own retry pipeline on top, and the SDK's Bearer policy refuses plain-http endpoints, so it could
 * not be tested against the loopback ARM fake.
 */
const LOCK_LEASE_MS = 6 * 60 * 60_000;
const LOCK_POLL_MS = 10_000;
async function createAppServiceProvider(config, options) {
    const credential = options.credential ?? (await buildArmCredential()).credential;
    return new AppServiceTrafficProvider(config, { ...options, credential });
}
class AppServiceTrafficProvider {
    config;
    name = 'azure-appservice';
    supportsWeights = true;
    arm;
    logger;
    ref;
    now;
    hosts;
    constructor(config, options) {
        this.config = config;
        this.logger = options.logger;
        this.now = options.now ?? Date.now;
        this.ref = { subscriptionId: config.subscriptionId, resourceGroup: config.resourceGroup, appName: config.appName, slot: config.slot };
        this.arm = new ArmClient({
            credential: options.credential,
            ...(0,provider_clock/* clientDeps */.KI)(options),
            ...(config.endpoint ? { endpoint: config.endpoint } : {}),
            now: this.now,
            ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs, maxPollIntervalMs: options.pollIntervalMs * 4 } : {})
        });
    }
    publicUrl() {
        return this.config.publicUrl ?? (this.hosts ? httpsUrl(this.hosts.production) : `https://${this.config.appName}.azurewebsites.net`);
    }
    slotUrl() {
        return this.config.slotUrl ?? httpsUrl(this.hosts?.slot ?? `${this.config.appName}-${this.config.slot}.azurewebsites.net`);
    }
    async status(signal) {
        const { state, productionImage, reroute } = await this.read(signal);
        return toStatus(state, productionImage, reroute);
    }
    async lock(owner, timeoutMs, signal) {
        await (0,poll/* waitUntil */.a0)({
            what: `the deploy lock on ${this.config.appName}`,
            timeoutMs,
            ...this.arm.clock,
            intervalMs: Math.min(LOCK_POLL_MS, this.arm.clock.intervalMs),
            signal,
            onProgress: (p) => this.logger.info(`waiting for the deploy lock on ${this.config.appName}: ${p.status} (${(0,markdown/* formatMs */._V)(p.elapsedMs)})`),
            check: async () => {
                const held = (await this.readState(signal)).lock;
                if (held && held.owner !== owner && held.expiresAt > this.now())
                    return { done: false, status: `held by ${held.owner} until ${new Date(held.expiresAt).toISOString()} (tag deploy-actions-lock on the web app)` };
                await this.updateState((s) => ({ ...s, lock: { owner, expiresAt: this.now() + LOCK_LEASE_MS } }), 'take the deploy lock', signal);
                // Tags have no compare-and-set: read back, and the last writer holds it.
                const after = (await this.readState(signal)).lock;
                if (after?.owner !== owner)
                    return { done: false, status: `taken by ${after?.owner ?? 'another run'} at the same moment` };
                return { done: true, value: undefined };
            }
        });
        let released = false;
        return {
            release: async () => {
                if (released)
                    return;
                released = true;
                await this.updateState((s) => (s.lock?.owner === owner ? { ...s, lock: undefined } : s), 'release the deploy lock', AbortSignal.timeout(60_000));
            }
        };
    }
    async prepare(release, signal) {
        const { state, productionImage } = await this.read(signal);
        const active = activeColor(state, productionImage);
        const color = (0,types/* otherColor */.I)(active);
        const slotConfigUrl = this.arm.url(`${slotPath(this.ref)}/config/web`, APPSERVICE_API_VERSION);
        let image = release.image;
        if (image) {
            this.logger.info(`Pointing slot ${this.config.slot} at ${image} (${color})`);
            await this.arm.request('PATCH', slotConfigUrl, `set the image of slot ${this.config.slot}`, { properties: { linuxFxVersion: linuxFxVersionFor(image) } }, signal);
        }
        else {
            image = imageOf(parseArmJson(await this.arm.request('GET', slotConfigUrl, `read slot ${this.config.slot}`, undefined, signal), 'slot config').properties
                ?.linuxFxVersion);
            this.logger.info(`No image given: slot ${this.config.slot} is taken as already deployed (${image ?? 'not a container'})`);
        }
        // The slot no longer holds the previous version: a swap back would not restore it.
        // Before the first deploy nothing is recorded for production: its image names its version.
        const known = state.versions[active] === undefined && productionImage
            ? { versions: { [active]: imageVersion(productionImage) }, images: { [active]: productionImage } }
            : { versions: {}, images: {} };
        await this.updateState((s) => ({
            ...s,
            active,
            versions: { ...known.versions, ...s.versions, [color]: release.version },
            images: { ...known.images, ...s.images, [color]: image },
            kept: undefined,
            paused: undefined
        }), `record ${release.version} on ${color}`, signal);
        const directUrl = this.slotUrl();
        await this.waitHealthy(directUrl, `slot ${this.config.slot}`, signal);
        return { color, version: release.version, directUrl };
    }
    async shift(color, percent, signal) {
        const { state, productionImage, reroute } = await this.read(signal);
        const inProduction = activeColor(state, productionImage);
        const target = color === inProduction ? 100 - percent : percent;
        if (target === reroute)
            return;
        try {
            await this.setReroute(target, signal);
        }
        catch (error) {
            // Say where traffic stands: read the rule back (a timed-out write may have landed).
            const now = await this.read(signal).then((r) => `${r.reroute}%`, () => 'unknown (could not read it back)');
            throw new Error(`${(0,error_message/* errorMessage */.g)(error)}; the ramp-up rule to slot ${this.config.slot} is now ${now} (wanted ${target}%)`, { cause: error });
        }
    }
    async promote(color, version, keepPreviousMs, signal) {
        const { state, productionImage, reroute } = await this.read(signal);
        const inProduction = activeColor(state, productionImage);
        if (color !== inProduction) {
            // A swap first applies production's settings to the slot and restarts it: no user traffic may be routed there meanwhile.
            if (reroute > 0) {
                this.logger.info(`Removing the ramp-up rule (${reroute}% on slot ${this.config.slot}) before the swap; production serves ${state.versions[inProduction] ?? 'the previous version'} while the swap runs`);
                await this.setReroute(0, signal);
            }
            if (this.config.swapPreview)
                await this.preview(signal);
            await this.swap(`swap slot ${this.config.slot} (${version}) into production`, signal);
            const after = await this.read(signal);
            const expected = state.images[color];
            if (expected && after.productionImage !== expected)
                throw new Error(`after the swap production runs ${after.productionImage ?? 'no container image'}, not ${expected}`);
        }
        else if (reroute > 0) {
            await this.setReroute(0, signal);
        }
        await this.updateState((s) => ({ ...s, active: color, kept: (0,types/* otherColor */.I)(color), paused: undefined }), `record ${color} as active`, signal);
        this.logger.debug(`the previous version stays in slot ${this.config.slot} until the next deploy (keep-previous ${(0,markdown/* formatMs */._V)(keepPreviousMs)} does not stop a slot)`);
        await this.waitHealthy(this.publicUrl(), 'production', signal);
    }
    async rollback(to, reason, signal) {
        const { state, productionImage, reroute } = await this.read(signal);
        const inProduction = activeColor(state, productionImage);
        if (reroute > 0) {
            this.logger.info(`Removing the ramp-up rule (${reroute}% on slot ${this.config.slot})`);
            await this.setReroute(0, signal);
        }
        if (inProduction !== to) {
            this.logger.info(`Swapping back: production runs ${inProduction} (${state.versions[inProduction] ?? 'unknown'}); ${to} (${state.versions[to] ?? 'unknown'}) is in slot ${this.config.slot}`);
            await this.swap(`swap slot ${this.config.slot} (${state.versions[to] ?? to}) back into production`, signal);
        }
        const failed = (0,types/* otherColor */.I)(to);
        await this.updateState((s) => {
            const last = s.history[0];
            const version = s.versions[failed];
            const already = last?.outcome === 'rolled-back' && last.version === version && last.color === failed;
            const history = version && !already ? [{ version, color: failed, at: new Date(this.now()).toISOString(), outcome: 'rolled-back', reason }, ...s.history] : s.history;
            return { ...s, active: to, kept: undefined, paused: undefined, history };
        }, 'record the rollback', signal);
    }
    async savePaused(paused, signal) {
        await this.updateState((s) => ({ ...s, paused }), paused ? 'record the pause' : 'clear the pause', signal);
    }
    async record(entry, signal) {
        await this.updateState((s) => ({ ...s, history: [entry, ...s.history] }), 'record the outcome', signal);
    }
    async close() { }
    async read(signal) {
        const site = await this.getSite(signal);
        const hosts = await this.slotHosts(site, signal);
        const config = await this.getConfig(sitePath(this.ref), 'production', signal);
        const productionImage = imageOf(config.linuxFxVersion);
        return { state: readState(site.tags), ...(productionImage ? { productionImage } : {}), reroute: reroutePercent(config.experiments?.rampUpRules, this.config.slot, hosts.slot) };
    }
    async readState(signal) {
        return readState((await this.getSite(signal)).tags);
    }
    async getSite(signal) {
        return parseArmJson(await this.arm.request('GET', this.arm.url(sitePath(this.ref), APPSERVICE_API_VERSION), `read web app ${this.config.appName}`, undefined, signal), 'web app');
    }
    async slotHosts(site, signal) {
        if (this.hosts)
            return this.hosts;
        const slot = parseArmJson(await this.arm.request('GET', this.arm.url(slotPath(this.ref), APPSERVICE_API_VERSION), `read slot ${this.config.slot}`, undefined, signal), 'slot');
        const production = site.properties?.defaultHostName;
        const slotHost = slot.properties?.defaultHostName;
        if (!production || !slotHost)
            throw new Error(`web app ${this.config.appName} or its slot ${this.config.slot} has no default host name`);
        this.hosts = { production, slot: slotHost };
        return this.hosts;
    }
    async getConfig(path, what, signal) {
        const response = await this.arm.request('GET', this.arm.url(`${path}/config/web`, APPSERVICE_API_VERSION), `read the site config of ${what}`, undefined, signal);
        return parseArmJson(response, 'site config').properties ?? {};
    }
    async setReroute(percent, signal) {
        const config = await this.getConfig(sitePath(this.ref), 'production', signal);
        const hosts = this.hosts ?? (await this.slotHosts(await this.getSite(signal), signal));
        const rampUpRules = withReroute(config.experiments?.rampUpRules, this.config.slot, hosts.slot, percent);
        await this.arm.request('PATCH', this.arm.url(`${sitePath(this.ref)}/config/web`, APPSERVICE_API_VERSION), `set the ramp-up rule to ${percent}% on slot ${this.config.slot}`, { properties: { experiments: { rampUpRules } } }, signal);
    }
    /** Swap with preview, phase one: production's settings on the slot (which restarts), warmed up again; reset when it does not come up. */
    async preview(signal) {
        const body = { targetSlot: 'production', preserveVnet: true };
        this.logger.info(`Azure: applying production's settings to slot ${this.config.slot} (swap with preview)`);
        await this.arm.request('POST', this.arm.url(`${slotPath(this.ref)}/applySlotConfig`, APPSERVICE_API_VERSION), `apply production's settings to slot ${this.config.slot}`, body, signal);
        try {
            await this.waitHealthy(this.slotUrl(), `slot ${this.config.slot} with production's settings`, signal);
        }
        catch (error) {
            await this.arm.request('POST', this.arm.url(`${slotPath(this.ref)}/resetSlotConfig`, APPSERVICE_API_VERSION), `reset the settings of slot ${this.config.slot}`, undefined, signal);
            throw new Error(`swap with preview cancelled, slot ${this.config.slot} reset to its own settings: ${(0,error_message/* errorMessage */.g)(error)}`, { cause: error });
        }
    }
    async swap(what, signal) {
        this.logger.info(`Azure: ${what}`);
        const response = await this.arm.request('POST', this.arm.url(`${slotPath(this.ref)}/slotsswap`, APPSERVICE_API_VERSION), what, { targetSlot: 'production', preserveVnet: true }, signal);
        await this.arm.waitForOperation(response, what, {
            timeoutMs: this.config.swapTimeoutMs,
            signal,
            onProgress: (p) => this.logger.info(`  … ${what}: ${p.status}${p.percent !== undefined ? ` ${p.percent}%` : ''} (${(0,markdown/* formatMs */._V)(p.elapsedMs)})`)
        }, 'the swap may still complete in Azure; run mode: status to see which version production runs');
    }
    async updateState(change, what, signal) {
        const site = await this.getSite(signal);
        const tags = writeState(site.tags, change(readState(site.tags)));
        await this.arm.request('PATCH', this.arm.url(sitePath(this.ref), APPSERVICE_API_VERSION), what, { tags }, signal);
    }
    async waitHealthy(base, what, signal) {
        const url = `${base}${this.config.healthPath}`;
        await (0,poll/* waitUntil */.a0)({
            what: `${what} at ${url}`,
            timeoutMs: this.config.warmupTimeoutMs,
            ...this.arm.clock,
            signal,
            onProgress: (p) => this.logger.info(`  … warming up ${what}: ${p.status} (${(0,markdown/* formatMs */._V)(p.elapsedMs)} of ${(0,markdown/* formatMs */._V)(this.config.warmupTimeoutMs)})`),
            check: async () => {
                try {
                    const response = await (0,http/* httpRequest */.aj)({ url, timeoutMs: 30_000, signal, maxBodyBytes: 4096 });
                    if (response.status >= 200 && response.status < 300)
                        return { done: true, value: undefined };
                    return { done: false, status: `HTTP ${response.status}` };
                }
                catch (error) {
                    if (signal.aborted)
                        throw error;
                    return { done: false, status: (0,error_message/* errorMessage */.g)(error).split('\n')[0] };
                }
            }
        });
        this.logger.info(`${what} answers ${url}`);
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


/***/ })

};

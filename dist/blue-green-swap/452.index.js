export const id = 452;
export const ids = [452];
export const modules = {

/***/ 2452:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  KubernetesTrafficProvider: () => (/* binding */ KubernetesTrafficProvider),
  createKubernetesProvider: () => (/* binding */ createKubernetesProvider)
});

// EXTERNAL MODULE: ./packages/core/poll.ts
var poll = __webpack_require__(54219);
// EXTERNAL MODULE: ./packages/providers/traffic/types.ts
var types = __webpack_require__(6996);
// EXTERNAL MODULE: ./packages/providers/traffic/kubernetes/config.ts
var config = __webpack_require__(65054);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./packages/core/http.ts
var http = __webpack_require__(75770);
// EXTERNAL MODULE: ./packages/core/input-error.ts
var input_error = __webpack_require__(2683);
// EXTERNAL MODULE: ./packages/core/retry.ts
var retry = __webpack_require__(14066);
// EXTERNAL MODULE: ./packages/core/retry-after.ts
var retry_after = __webpack_require__(53641);
;// CONCATENATED MODULE: ./packages/providers/traffic/kubernetes/k8s-api.ts







class K8sApiError extends Error {
    status;
    retryAfterMs;
    constructor(message, status, retryAfterMs) {
        super(message);
        this.status = status;
        this.name = 'K8sApiError';
        if (retryAfterMs !== undefined)
            this.retryAfterMs = retryAfterMs;
    }
}
const PATCH = { merge: 'application/merge-patch+json', json: 'application/json-patch+json' };
class K8sApi {
    client;
    kc;
    namespace;
    deps;
    apps;
    core;
    networking;
    constructor(client, kc, namespace, deps) {
        this.client = client;
        this.kc = kc;
        this.namespace = namespace;
        this.deps = deps;
        this.apps = kc.makeApiClient(client.AppsV1Api);
        this.core = kc.makeApiClient(client.CoreV1Api);
        this.networking = kc.makeApiClient(client.NetworkingV1Api);
    }
    /** Loads the client and the credentials; a kubeconfig or context that is not there is an InputError, before any call. */
    static async connect(config, deps) {
        const source = config.kubeconfig;
        if (source.kind === 'file' && !(0,external_node_fs_.existsSync)(source.path))
            throw new input_error/* InputError */.d('k8s-kubeconfig', `names ${source.path}, which does not exist`, 'the path of a kubeconfig file written by an earlier step (or in-cluster, or empty for $KUBECONFIG)');
        if (source.kind === 'default' && !defaultKubeconfigExists())
            throw new input_error/* InputError */.d('k8s-kubeconfig', 'is empty and there is no kubeconfig to fall back on ($KUBECONFIG unset, no ~/.kube/config, not in a pod)', 'the path of a kubeconfig written by an earlier step (such as azure/aks-set-context or aws eks update-kubeconfig), or in-cluster');
        const client = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(433)]).then(__webpack_require__.bind(__webpack_require__, 14433));
        const kc = new client.KubeConfig();
        try {
            if (source.kind === 'file')
                kc.loadFromFile(source.path);
            else if (source.kind === 'in-cluster')
                kc.loadFromCluster();
            else
                kc.loadFromDefault();
        }
        catch (error) {
            // The loader's message may quote the file; only its kind of failure is shown.
            throw new input_error/* InputError */.d('k8s-kubeconfig', `could not be loaded (${error instanceof Error ? error.name : 'unreadable'})`, 'a kubeconfig file in YAML with clusters, users and contexts');
        }
        if (config.context !== undefined) {
            if (!kc.getContextObject(config.context))
                throw new input_error/* InputError */.d('k8s-context', `is "${config.context}", which the kubeconfig does not define`, `one of ${kc
                    .getContexts()
                    .map((c) => c.name)
                    .join(', ') || '(no contexts)'}`);
            kc.setCurrentContext(config.context);
        }
        if (!kc.getCurrentCluster())
            throw new input_error/* InputError */.d('k8s-kubeconfig', 'has no current cluster', 'a kubeconfig whose current context (or k8s-context) names a cluster');
        const namespace = config.namespace ?? kc.getContextObject(kc.getCurrentContext())?.namespace ?? 'default';
        return new K8sApi(client, kc, namespace, deps);
    }
    readDeployment(name, signal) {
        return this.call('get', `Deployment ${name}`, 'deployments', signal, (options) => this.apps.readNamespacedDeployment({ name, namespace: this.namespace }, options));
    }
    patchDeployment(name, ops, signal) {
        return this.call('patch', `Deployment ${name}`, 'deployments', signal, (options) => this.apps.patchNamespacedDeployment({ name, namespace: this.namespace, body: ops }, options), PATCH.json);
    }
    readService(name, signal) {
        return this.call('get', `Service ${name}`, 'services', signal, (options) => this.core.readNamespacedService({ name, namespace: this.namespace }, options));
    }
    patchService(name, body, signal) {
        return this.call('patch', `Service ${name}`, 'services', signal, (options) => this.core.patchNamespacedService({ name, namespace: this.namespace, body }, options), PATCH.merge);
    }
    readIngress(name, signal) {
        return this.call('get', `Ingress ${name}`, 'ingresses', signal, (options) => this.networking.readNamespacedIngress({ name, namespace: this.namespace }, options));
    }
    patchIngress(name, body, signal) {
        return this.call('patch', `Ingress ${name}`, 'ingresses', signal, (options) => this.networking.patchNamespacedIngress({ name, namespace: this.namespace, body }, options), PATCH.merge);
    }
    /**
     * Watches one Deployment from `resourceVersion` (GET …/deployments?watch=true&fieldSelector=…).
     * Resolves when the watch ends: `onEvent` returned true, the server closed it, or it failed (the
     * reason is returned, not thrown: the caller falls back to polling).
     */
    async watchDeployment(name, resourceVersion, onEvent, signal) {
        const watch = new this.client.Watch(this.kc);
        return new Promise((resolve) => {
            let finished = false;
            let controller;
            const finish = (result) => {
                if (finished)
                    return;
                finished = true;
                signal.removeEventListener('abort', onAbort);
                controller?.abort();
                resolve(result);
            };
            const onAbort = () => finish({ ended: 'error', reason: 'cancelled' });
            signal.addEventListener('abort', onAbort, { once: true });
            watch
                .watch(`/apis/apps/v1/namespaces/${encodeURIComponent(this.namespace)}/deployments`, { fieldSelector: `metadata.name=${name}`, ...(resourceVersion ? { resourceVersion } : {}), allowWatchBookmarks: true, timeoutSeconds: 300 }, (type, object) => {
                if (finished)
                    return;
                try {
                    if (onEvent({ type: type, object: object }))
                        finish({ ended: 'done' });
                }
                catch (error) {
                    // Not rethrown: the client calls this from its stream's line handler.
                    finish({ ended: 'error', reason: error instanceof Error ? error.message : String(error) });
                }
            }, (error) => finish(error ? { ended: 'error', reason: describeError(error) } : { ended: 'closed' }))
                .then((c) => {
                controller = c;
                if (finished)
                    c.abort();
            }, (error) => finish({ ended: 'error', reason: describeError(error) }));
        });
    }
    async call(verb, what, resource, signal, send, contentType) {
        const label = `Kubernetes API ${verb} ${what} (namespace ${this.namespace})`;
        return (0,retry/* retry */.L5)(async (attemptSignal) => {
            // The client's own middleware type: the header it sets, and the attempt's signal on the request.
            const header = this.client.setHeaderMiddleware(contentType ? 'Content-Type' : 'Accept', contentType ?? 'application/json');
            const options = {
                middleware: [
                    {
                        pre: (context) => {
                            context.setSignal(attemptSignal);
                            return header.pre(context);
                        },
                        post: (context) => header.post(context)
                    }
                ],
                middlewareMergeStrategy: 'append'
            };
            try {
                return await send(options);
            }
            catch (error) {
                throw this.toError(error, label, verb, resource);
            }
        }, {
            attempts: 6,
            baseDelayMs: 500,
            maxDelayMs: 15_000,
            attemptTimeoutMs: 30_000,
            signal,
            ...(this.deps.sleep ? { sleep: this.deps.sleep } : {}),
            isRetryable: (error) => !(error instanceof K8sApiError) || (0,http/* isRetryableStatus */.PS)(error.status),
            onRetry: ({ attempt, delayMs, error }) => this.deps.logger.info(`  ${label}: ${error instanceof K8sApiError ? `HTTP ${error.status}` : 'no answer'}; retry ${attempt} in ${Math.round(delayMs / 100) / 10}s`)
        });
    }
    toError(error, label, verb, resource) {
        const code = error.code;
        if (typeof code !== 'number')
            return new Error(`${label}: ${describeError(error)}`, { cause: error });
        const headers = error.headers ?? {};
        const status = statusMessage(error.body);
        if (code === 401)
            return new K8sApiError(`${label} answered HTTP 401: the credentials were refused (expired token or wrong cluster)`, code);
        if (code === 403)
            return new K8sApiError(`${label} answered HTTP 403: the credentials cannot ${verb} ${resource} in namespace ${this.namespace} (see the Role in docs/providers/kubernetes.md)`, code);
        if (code === 404)
            return new K8sApiError(`${label} answered HTTP 404${status ? `: ${status}` : ''}; the provider changes objects set up beforehand (docs/providers/kubernetes.md)`, code);
        return new K8sApiError(`${label} answered HTTP ${code}${status ? `: ${status}` : ''}`, code, (0,retry_after/* parseRetryAfter */.m)(headers['retry-after']));
    }
}
/** Whether kubectl's chain would find anything; without it the client would quietly aim at http://localhost:8080. */
function defaultKubeconfigExists(env = process.env) {
    const listed = (env.KUBECONFIG ?? '').split(external_node_path_.delimiter).filter((path) => path !== '');
    if (listed.length > 0)
        return listed.some((path) => (0,external_node_fs_.existsSync)(path));
    return (0,external_node_fs_.existsSync)((0,external_node_path_.join)((0,external_node_os_.homedir)(), '.kube', 'config')) || (env.KUBERNETES_SERVICE_HOST !== undefined && (0,external_node_fs_.existsSync)('/var/run/secrets/kubernetes.io/serviceaccount/token'));
}
/** The `message` of a Kubernetes Status body (the client hands it over as text or parsed). */
function statusMessage(body) {
    let parsed = body;
    if (typeof body === 'string') {
        try {
            parsed = JSON.parse(body);
        }
        catch {
            return undefined;
        }
    }
    const message = parsed?.message;
    return typeof message === 'string' ? message.slice(0, 300) : undefined;
}
function describeError(error) {
    if (error instanceof Error) {
        const cause = error.cause?.code;
        return `${error.message}${cause ? ` (${cause})` : ''}`;
    }
    return String(error);
}

;// CONCATENATED MODULE: ./packages/providers/traffic/kubernetes/k8s-mapping.ts


const HISTORY_LIMIT = 10;
function readState(service) {
    const text = service?.metadata?.annotations?.[config/* STATE_ANNOTATION */.qD];
    const empty = { versions: {}, images: {}, history: [] };
    if (!text)
        return empty;
    try {
        const parsed = JSON.parse(text);
        return {
            versions: parsed.versions ?? {},
            images: parsed.images ?? {},
            ...(parsed.previous === 'blue' || parsed.previous === 'green' ? { previous: parsed.previous } : {}),
            ...(parsed.paused ? { paused: parsed.paused } : {}),
            history: Array.isArray(parsed.history) ? parsed.history.slice(0, HISTORY_LIMIT) : []
        };
    }
    catch {
        // Someone edited the annotation by hand: start a new record rather than fail every run.
        return empty;
    }
}
function writeState(state) {
    return JSON.stringify({ ...state, history: state.history.slice(0, HISTORY_LIMIT) });
}
/** The color the Service selects. */
function selectedColor(service) {
    const value = service?.spec?.selector?.[config/* COLOR_LABEL */.PL];
    return value === 'blue' || value === 'green' ? value : undefined;
}
/** The active color; a Service that selects no color would send users to both Deployments, so nothing is changed until it does. */
function activeColor(service) {
    const color = selectedColor(service);
    if (color)
        return color;
    const value = service.spec?.selector?.[config/* COLOR_LABEL */.PL];
    throw new Error(`Service ${service.metadata?.name ?? ''} ${value === undefined ? `selects no ${config/* COLOR_LABEL */.PL}` : `selects ${config/* COLOR_LABEL */.PL}: ${value}`}, so it would reach the pods of both colors; add ${config/* COLOR_LABEL */.PL}: blue (the color serving now) to its selector (see docs/providers/kubernetes.md)`);
}
/** The canary Ingress's split: the color its backend Services belong to and the weight (0 when not a canary or no weight). */
function canarySplit(canary, app) {
    const annotations = canary?.metadata?.annotations ?? {};
    const names = new Set(ingressPaths(canary).map((p) => p.backend?.service?.name));
    const color = names.size === 1 ? ([...names][0] === `${app}-green` ? 'green' : [...names][0] === `${app}-blue` ? 'blue' : undefined) : undefined;
    const weight = annotations[config/* CANARY_ANNOTATION */.Vd] === 'true' ? Number(annotations[config/* CANARY_WEIGHT_ANNOTATION */.CP] ?? '0') : 0;
    return { ...(color ? { color } : {}), weight: Number.isFinite(weight) ? Math.min(100, Math.max(0, Math.round(weight))) : 0 };
}
function ingressPaths(ingress) {
    return (ingress?.spec?.rules ?? []).flatMap((rule) => rule.http?.paths ?? []);
}
/**
 * The merge patch that points every path of the canary Ingress at `<app>-<color>` with `weight`.
 * Rules are a list (merge patch replaces it whole), so the read rules are rewritten; the read
 * resourceVersion makes the patch fail with 409 when someone changed the Ingress in between.
 */
function canaryPatch(canary, app, color, weight) {
    const rules = (canary.spec?.rules ?? []).map((rule) => ({
        ...rule,
        ...(rule.http
            ? { http: { ...rule.http, paths: (rule.http.paths ?? []).map((p) => ({ ...p, backend: { ...p.backend, service: { ...p.backend?.service, name: `${app}-${color}` } } })) } }
            : {})
    }));
    const current = canarySplit(canary, app);
    return {
        metadata: {
            ...(canary.metadata?.resourceVersion ? { resourceVersion: canary.metadata.resourceVersion } : {}),
            annotations: { [config/* CANARY_ANNOTATION */.Vd]: 'true', [config/* CANARY_WEIGHT_ANNOTATION */.CP]: String(weight) }
        },
        // Only rewrite the rules when the backend changes color: a weight change alone stays a two-key patch.
        ...(current.color !== color ? { spec: { rules } } : {})
    };
}
/** The merge patch of the Service: its selector's color and the record. */
function servicePatch(color, state) {
    return { metadata: { annotations: { [config/* STATE_ANNOTATION */.qD]: writeState(state) } }, spec: { selector: { [config/* COLOR_LABEL */.PL]: color } } };
}
function stateOnlyPatch(state) {
    return { metadata: { annotations: { [config/* STATE_ANNOTATION */.qD]: writeState(state) } } };
}
/** The container to update: the one named, else the only one; an error names k8s-container otherwise. */
function containerIndex(deployment, name) {
    const containers = deployment.spec?.template?.spec?.containers ?? [];
    const deploymentName = deployment.metadata?.name ?? 'the Deployment';
    if (name !== undefined) {
        const index = containers.findIndex((c) => c.name === name);
        if (index < 0)
            throw new Error(`Deployment ${deploymentName} has no container "${name}" (k8s-container); it has ${containers.map((c) => c.name).join(', ') || 'none'}`);
        return index;
    }
    if (containers.length !== 1)
        throw new Error(`Deployment ${deploymentName} has ${containers.length} containers (${containers.map((c) => c.name).join(', ')}); name the one to update with k8s-container`);
    return 0;
}
/** JSON patch of the idle Deployment: the image (guarded by a test of the container's name), the replicas, the version annotation. */
function imagePatch(deployment, index, image, replicas, version) {
    const container = deployment.spec.template.spec.containers[index];
    const base = `/spec/template/spec/containers/${index}`;
    return [
        { op: 'test', path: `${base}/name`, value: container.name },
        { op: 'replace', path: `${base}/image`, value: image },
        { op: 'replace', path: '/spec/replicas', value: replicas },
        ...(deployment.metadata?.annotations ? [] : [{ op: 'add', path: '/metadata/annotations', value: {} }]),
        { op: 'add', path: '/metadata/annotations/deploy-actions~1version', value: version }
    ];
}
/** The Service finds a color's pods by the label; a Deployment whose pods lack it could never get traffic. */
function checkColorLabel(deployment, color) {
    const label = deployment.spec?.template?.metadata?.labels?.[config/* COLOR_LABEL */.PL];
    if (label !== color)
        throw new Error(`Deployment ${deployment.metadata?.name ?? color}'s pod template is labelled ${config/* COLOR_LABEL */.PL}: ${label ?? '(none)'}, not ${color}; the Service selects pods by that label (see docs/providers/kubernetes.md)`);
}
/** ingress-nginx: the canary Ingress sends its weight to the Service `<app>-<color>`; one that does not select that color's pods would send the share elsewhere. */
function checkColorService(service, color) {
    const selected = service.spec?.selector?.[config/* COLOR_LABEL */.PL];
    if (selected !== color)
        throw new Error(`Service ${service.metadata?.name ?? color} selects ${config/* COLOR_LABEL */.PL}: ${selected ?? '(none)'}, not ${color}; the canary Ingress sends its weight to it (see docs/providers/kubernetes.md)`);
}
function deploymentImage(deployment, container) {
    const containers = deployment?.spec?.template?.spec?.containers ?? [];
    return (container !== undefined ? containers.find((c) => c.name === container) : containers[0])?.image;
}
/**
 * One look at a rollout, the way `kubectl rollout status` judges it: the controller has seen the
 * latest spec (observedGeneration), every replica is updated and available, no old one is left.
 * ProgressDeadlineExceeded is a failure.
 */
function rolloutProgress(deployment) {
    const name = deployment.metadata?.name ?? 'the Deployment';
    const status = deployment.status ?? {};
    const want = deployment.spec?.replicas ?? 1;
    // Until the controller has seen the new spec, the conditions describe the previous rollout.
    if ((status.observedGeneration ?? 0) < (deployment.metadata?.generation ?? 0))
        return { done: false, status: 'waiting for the controller to see the new spec' };
    const stalled = (status.conditions ?? []).find((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded');
    if (stalled)
        throw new Error(`Deployment ${name} exceeded its progress deadline (ProgressDeadlineExceeded${stalled.message ? `: ${stalled.message}` : ''})`);
    const updated = status.updatedReplicas ?? 0;
    const available = status.availableReplicas ?? 0;
    const total = status.replicas ?? 0;
    const percent = want === 0 ? 100 : Math.round((Math.min(updated, available) / want) * 100);
    if (updated < want)
        return { done: false, status: `${updated} of ${want} replicas updated`, percent };
    if (total > updated)
        return { done: false, status: `${total - updated} old replicas pending termination`, percent };
    if (available < updated)
        return { done: false, status: `${available} of ${updated} updated replicas available`, percent };
    return { done: true, value: deployment };
}
/** status(): the cluster's truth (selector, canary weight, images) with the recorded versions. */
function toTrafficStatus(view, mode, app, container) {
    const state = readState(view.service);
    const active = activeColor(view.service);
    const idle = (0,types/* otherColor */.I)(active);
    const split = mode === 'ingress-nginx' ? canarySplit(view.canary, app) : { weight: 0 };
    const onIdle = split.color === idle ? split.weight : 0;
    const versionOf = (color) => {
        const image = deploymentImage(view.deployments[color], container);
        // The record's version holds while the Deployment still runs the image recorded with it (no one changed it by hand).
        return state.versions[color] !== undefined && (state.images[color] === undefined || state.images[color] === image) ? state.versions[color] : image;
    };
    const activeVersion = versionOf(active);
    const previousRunning = state.previous === idle && (view.deployments[idle]?.spec?.replicas ?? 0) > 0;
    const previousVersion = previousRunning ? versionOf(idle) : undefined;
    return {
        active,
        ...(activeVersion !== undefined ? { activeVersion } : {}),
        ...(previousVersion !== undefined ? { previousVersion } : {}),
        weights: { [active]: 100 - onIdle, [idle]: onIdle },
        ...(state.paused ? { paused: state.paused } : {}),
        history: state.history
    };
}
/** A short account of where traffic stands, for errors after a failed change. */
function describeTraffic(status) {
    const idle = (0,types/* otherColor */.I)(status.active);
    return status.weights[idle] > 0
        ? `${status.weights[status.active]}% on ${status.active}, ${status.weights[idle]}% on ${idle}`
        : `all traffic on ${status.active}${status.activeVersion ? ` (${status.activeVersion})` : ''}`;
}

;// CONCATENATED MODULE: ./packages/providers/traffic/kubernetes/provider.ts





/**
 * Kubernetes: two Deployments of one app, `<app>-blue` and `<app>-green`, whose pods carry the
 * label `deploy-actions/color`. prepare rolls the idle color's Deployment to the new image and
 * waits for the rollout (watch, polling when the watch ends early). The switch is the Service's
 * selector (mode `service`: one switch) or an ingress-nginx canary Ingress's weight (mode
 * `ingress-nginx`: the engine's steps). The record (versions, previous color, history, a paused
 * deployment, the deploy lock) lives in annotations on the Service, so reruns read the truth.
 */
/** A lock older than this is taken over (a run killed without its post step); a live run may hold it for a whole job (GitHub ends a job at 6 hours), as the aws-ecs tag lock. */
const LOCK_STALE_MS = 6 * 60 * 60_000;
async function createKubernetesProvider(config, deps) {
    const sleep = deps.sleep ? (ms) => deps.sleep(ms) : undefined;
    const api = await K8sApi.connect(config, { logger: deps.logger, ...(sleep ? { sleep } : {}) });
    return new KubernetesTrafficProvider(config, api, deps);
}
class KubernetesTrafficProvider {
    config;
    api;
    deps;
    name = 'kubernetes';
    supportsWeights;
    clock;
    canaryName;
    constructor(config, api, deps) {
        this.config = config;
        this.api = api;
        this.deps = deps;
        this.supportsWeights = config.switchMode === 'ingress-nginx';
        if (config.ingress)
            this.canaryName = `${config.ingress}-canary`;
        const sleep = deps.sleep ? (ms) => deps.sleep(ms) : undefined;
        this.clock = (0,poll/* pollClock */.kO)({ ...(sleep ? { sleep } : {}), pollIntervalMs: config.pollIntervalMs, maxPollIntervalMs: Math.max(config.pollIntervalMs, 10_000) });
    }
    publicUrl() {
        return this.config.publicUrl ?? `http://${this.config.service}.${this.api.namespace}.svc.cluster.local/`;
    }
    async status(signal) {
        const [service, blue, green, canary] = await Promise.all([
            this.api.readService(this.config.service, signal),
            this.api.readDeployment((0,config/* deploymentName */.pC)(this.config, 'blue'), signal),
            this.api.readDeployment((0,config/* deploymentName */.pC)(this.config, 'green'), signal),
            this.canaryName ? this.api.readIngress(this.canaryName, signal) : Promise.resolve(undefined)
        ]);
        return toTrafficStatus({ service, deployments: { blue, green }, ...(canary ? { canary } : {}) }, this.config.switchMode, this.config.app, this.config.container);
    }
    /** An annotation on the Service, taken with the read resourceVersion (a 409 means another run took it first). */
    async lock(owner, timeoutMs, signal) {
        const token = `${owner} (${new Date(this.clock.now()).toISOString()})`;
        await this.wait(`the deploy lock on Service ${this.config.service}`, timeoutMs, signal, async () => {
            const service = await this.api.readService(this.config.service, signal);
            const held = service.metadata?.annotations?.[config/* LOCK_ANNOTATION */.Sv];
            // Our own patch landed though its answer was lost (a 5xx retried into a 409): the lock is ours.
            if (held === token)
                return { done: true, value: true };
            const heldAt = held ? Date.parse(/\(([^()]+)\)$/.exec(held)?.[1] ?? '') : Number.NaN;
            if (held && !(this.clock.now() - heldAt > LOCK_STALE_MS))
                return { done: false, status: `held by ${held}` };
            if (held)
                this.deps.logger.warning(`kubernetes: taking over a stale deploy lock held by ${held}`);
            try {
                await this.api.patchService(this.config.service, { metadata: { resourceVersion: service.metadata?.resourceVersion, annotations: { [config/* LOCK_ANNOTATION */.Sv]: token } } }, signal);
                return { done: true, value: true };
            }
            catch (error) {
                if (error instanceof K8sApiError && error.status === 409)
                    return { done: false, status: 'another run took it first' };
                throw error;
            }
        });
        let released = false;
        return {
            release: async () => {
                if (released)
                    return;
                released = true;
                const signal = AbortSignal.timeout(30_000);
                const service = await this.api.readService(this.config.service, signal);
                if (service.metadata?.annotations?.[config/* LOCK_ANNOTATION */.Sv] !== token)
                    return;
                await this.api.patchService(this.config.service, { metadata: { resourceVersion: service.metadata.resourceVersion, annotations: { [config/* LOCK_ANNOTATION */.Sv]: null } } }, signal);
            }
        };
    }
    async prepare(release, signal) {
        if (!release.image)
            throw new Error('kubernetes runs container images; the release has no image');
        const service = await this.api.readService(this.config.service, signal);
        const active = activeColor(service);
        const idle = (0,types/* otherColor */.I)(active);
        const idleName = (0,config/* deploymentName */.pC)(this.config, idle);
        const [activeDeployment, idleDeployment, idleService] = await Promise.all([
            this.api.readDeployment((0,config/* deploymentName */.pC)(this.config, active), signal),
            this.api.readDeployment(idleName, signal),
            // The canary's backend: checked before anything changes, not found out when the weight goes to it.
            this.supportsWeights ? this.api.readService(idleName, signal) : Promise.resolve(undefined)
        ]);
        checkColorLabel(idleDeployment, idle);
        if (idleService)
            checkColorService(idleService, idle);
        const index = containerIndex(idleDeployment, this.config.container);
        const replicas = Math.max(1, activeDeployment.spec?.replicas ?? 1);
        this.deps.logger.info(`kubernetes: Deployment ${idleName} (${idle}) → image ${release.image}, ${replicas} replicas, while ${active} keeps serving`);
        const patched = await this.api.patchDeployment(idleName, imagePatch(idleDeployment, index, release.image, replicas, release.version), signal);
        // Recorded before the wait, so a failed rollout is recorded under the version that failed; the idle color no longer holds the previous version.
        await this.updateState(signal, (state) => ({
            ...state,
            versions: { ...state.versions, [idle]: release.version },
            images: { ...state.images, [idle]: release.image },
            previous: undefined
        }));
        await this.waitRollout(idleName, patched, signal);
        return { color: idle, version: release.version, directUrl: this.config.colorUrl.replaceAll('{color}', idle).replaceAll('{namespace}', this.api.namespace) };
    }
    async shift(color, percent, signal) {
        if (this.config.switchMode === 'service') {
            if (percent !== 100 && percent !== 0)
                throw new Error(`kubernetes with k8s-switch: service cannot split traffic (asked for ${percent}% on ${color})`);
            await this.switchSelector(percent === 100 ? color : (0,types/* otherColor */.I)(color), signal, (state) => state);
            return;
        }
        await this.setCanary(color, percent, signal);
    }
    async promote(color, version, keepPreviousMs, signal) {
        const previous = (0,types/* otherColor */.I)(color);
        const keep = keepPreviousMs > 0;
        await this.switchSelector(color, signal, (state) => ({ ...state, previous: keep ? previous : undefined, paused: undefined }));
        if (this.config.switchMode === 'ingress-nginx')
            await this.setCanary(color, 0, signal);
        const previousName = (0,config/* deploymentName */.pC)(this.config, previous);
        if (keep) {
            // Nothing in the cluster would stop it later: it stays until the next deploy replaces it or a rollback needs it.
            this.deps.logger.info(`kubernetes: ${version} (${color}) is live; Deployment ${previousName} keeps running for an instant rollback until the next deploy replaces it`);
            return;
        }
        await this.api.patchDeployment(previousName, [{ op: 'replace', path: '/spec/replicas', value: 0 }], signal).then(() => this.deps.logger.info(`kubernetes: ${version} (${color}) is live; Deployment ${previousName} scaled to 0 (keep-previous: 0)`), (error) => this.deps.logger.warning(`kubernetes: ${version} (${color}) is live, but Deployment ${previousName} could not be scaled to 0: ${message(error)}`));
    }
    async rollback(to, reason, signal) {
        const failed = (0,types/* otherColor */.I)(to);
        const at = new Date(this.clock.now()).toISOString();
        // The canary weight first: in the middle of a shift the selector already points at `to`, so this alone brings every request back.
        if (this.config.switchMode === 'ingress-nginx') {
            const split = canarySplit(await this.api.readIngress(this.canaryName, signal), this.config.app);
            if (split.weight > 0)
                await this.setCanary(split.color ?? failed, 0, signal);
        }
        await this.switchSelector(to, signal, (state) => ({
            ...state,
            previous: undefined,
            paused: undefined,
            history: state.versions[failed] ? [{ version: state.versions[failed], color: failed, at, outcome: 'rolled-back', reason }, ...state.history] : state.history
        }));
        // The failed color stops taking resources; best effort, traffic is already back.
        const failedName = (0,config/* deploymentName */.pC)(this.config, failed);
        await this.api.patchDeployment(failedName, [{ op: 'replace', path: '/spec/replicas', value: 0 }], signal).then(() => this.deps.logger.info(`kubernetes: all traffic on ${to}; Deployment ${failedName} scaled to 0`), (error) => this.deps.logger.warning(`kubernetes: all traffic on ${to}, but Deployment ${failedName} could not be scaled to 0: ${message(error)}`));
    }
    async savePaused(paused, signal) {
        if (paused && !this.supportsWeights)
            throw new Error('kubernetes with k8s-switch: service has no percentage split, so a deployment cannot be paused between steps');
        await this.updateState(signal, (state) => ({ ...state, paused }));
    }
    async record(entry, signal) {
        await this.updateState(signal, (state) => ({ ...state, history: [entry, ...state.history] }));
    }
    async close() { }
    /** The Service's selector to `color`, with the record, in one patch; 409 (changed since read) is read again. Ends in a known state or says which. */
    async switchSelector(color, signal, update) {
        try {
            await this.patchServiceWith(signal, (service) => {
                if (selectedColor(service) !== color)
                    this.deps.logger.info(`kubernetes: Service ${this.config.service} selector → ${color}`);
                return servicePatch(color, update(readState(service)));
            });
        }
        catch (error) {
            const now = await this.status(AbortSignal.timeout(30_000)).then(describeTraffic, () => 'unknown (the cluster could not be read)');
            throw new Error(`switching Service ${this.config.service} to ${color} failed: ${message(error)}; traffic now: ${now}`, { cause: error });
        }
    }
    async updateState(signal, update) {
        await this.patchServiceWith(signal, (service) => stateOnlyPatch(update(readState(service))));
    }
    async patchServiceWith(signal, build) {
        await this.withConflicts(`Service ${this.config.service}`, signal, async () => {
            const service = await this.api.readService(this.config.service, signal);
            const body = build(service);
            await this.api.patchService(this.config.service, { ...body, metadata: { ...body.metadata, resourceVersion: service.metadata?.resourceVersion } }, signal);
        });
    }
    /** Points the canary Ingress at `color` with `percent`; on failure, reads back where traffic stands and says so. */
    async setCanary(color, percent, signal) {
        const name = this.canaryName;
        try {
            await this.withConflicts(`Ingress ${name}`, signal, async () => {
                const canary = await this.api.readIngress(name, signal);
                await this.api.patchIngress(name, canaryPatch(canary, this.config.app, color, percent), signal);
            });
            this.deps.logger.info(`kubernetes: Ingress ${name} canary-weight ${percent} → ${(0,config/* deploymentName */.pC)(this.config, color)}`);
        }
        catch (error) {
            const now = await this.status(AbortSignal.timeout(30_000)).then(describeTraffic, () => 'unknown (the cluster could not be read)');
            throw new Error(`setting ${percent}% on ${color} through Ingress ${name} failed: ${message(error)}; traffic now: ${now}`, { cause: error });
        }
    }
    async withConflicts(what, signal, attempt) {
        for (let tries = 1;; tries++) {
            try {
                return await attempt();
            }
            catch (error) {
                if (!(error instanceof K8sApiError && error.status === 409) || tries >= 5)
                    throw error;
                this.deps.logger.info(`  ${what} changed since it was read (HTTP 409); reading it again`);
            }
        }
    }
    /** Watches the rollout until ready; when the watch ends early, polls until the same deadline. */
    async waitRollout(name, patched, signal) {
        const what = `the rollout of Deployment ${name}`;
        const started = this.clock.now();
        let last;
        try {
            last = rolloutProgress(patched);
        }
        catch (error) {
            throw rolloutFailed(error);
        }
        if (last.done)
            return;
        let lastStatus = '';
        let lastPercent;
        const say = () => this.deps.logger.info(`  … waiting for ${what}: ${lastStatus}${lastPercent !== undefined ? ` (${lastPercent}%)` : ''} (${Math.round((this.clock.now() - started) / 1000)}s)`);
        const progress = (result) => {
            if (result.done || result.status === lastStatus)
                return;
            lastStatus = result.status;
            lastPercent = result.percent;
            say();
        };
        progress(last);
        const deadline = AbortSignal.any([signal, AbortSignal.timeout(this.config.rolloutTimeoutMs)]);
        // A watch is silent while nothing changes (pods pulling an image, crash-looping): the status is repeated, at the poll intervals, so the log shows the wait is alive.
        let heartbeat;
        const beat = (delayMs) => {
            heartbeat = setTimeout(() => {
                say();
                beat(Math.min(delayMs * 2, this.clock.maxIntervalMs));
            }, delayMs);
            heartbeat.unref();
        };
        beat(Math.max(1, this.clock.intervalMs));
        let failure;
        const watched = await this.api
            .watchDeployment(name, patched.metadata?.resourceVersion, (event) => {
            if (event.type === 'BOOKMARK')
                return false;
            if (event.type === 'ERROR' || event.type === 'DELETED') {
                const status = event.object;
                throw new Error(`watch event ${event.type}${status.reason ? ` ${status.code ?? ''} ${status.reason}` : ''}`);
            }
            try {
                last = rolloutProgress(event.object);
            }
            catch (error) {
                failure = error;
                return true;
            }
            progress(last);
            return last.done;
        }, deadline)
            .finally(() => clearTimeout(heartbeat));
        if (failure)
            throw rolloutFailed(failure);
        if (watched.ended === 'done')
            return;
        signal.throwIfAborted();
        const remaining = this.config.rolloutTimeoutMs - (this.clock.now() - started);
        if (remaining <= 0 || deadline.aborted)
            throw rolloutFailed(new poll/* WaitTimeoutError */.Do(`${what} not ready within ${formatSeconds(this.config.rolloutTimeoutMs)} (last status "${lastStatus}")`, lastStatus));
        this.deps.logger.info(`  the watch on Deployment ${name} ended early (${watched.reason ?? 'closed by the server'}); polling instead`);
        try {
            await this.wait(what, remaining, signal, async () => rolloutProgress(await this.api.readDeployment(name, signal)));
        }
        catch (error) {
            throw rolloutFailed(error);
        }
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
function rolloutFailed(error) {
    return new Error(`${message(error)}; the Service still selects the active color`, { cause: error });
}
function message(error) {
    return error instanceof Error ? error.message : String(error);
}
function formatSeconds(ms) {
    return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}


/***/ })

};

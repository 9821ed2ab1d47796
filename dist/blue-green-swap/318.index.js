export const id = 318;
export const ids = [318];
export const modules = {

/***/ 68318:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  AlbWeightsProvider: () => (/* binding */ AlbWeightsProvider)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var dist_cjs = __webpack_require__(80212);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-elastic-load-balancing-v2/dist-cjs/index.js
var client_elastic_load_balancing_v2_dist_cjs = __webpack_require__(50586);
// EXTERNAL MODULE: ./packages/core/poll.ts
var poll = __webpack_require__(54219);
// EXTERNAL MODULE: ./packages/providers/traffic/types.ts
var types = __webpack_require__(6996);
// EXTERNAL MODULE: ./packages/providers/traffic/aws-ecs/mode-provider.ts + 4 modules
var mode_provider = __webpack_require__(12443);
// EXTERNAL MODULE: ./packages/providers/traffic/aws-ecs/state-tags.ts
var state_tags = __webpack_require__(21630);
// EXTERNAL MODULE: ./packages/providers/traffic/aws-ecs/task-definition-mapping.ts
var task_definition_mapping = __webpack_require__(2217);
;// CONCATENATED MODULE: ./packages/providers/traffic/aws-ecs/alb-weights/alb-mapping.ts

/**
 * Pure mapping for the two-service ALB mode: the weighted forward action of the listener (the
 * traffic split) and where a service's rolling deployment stands (the circuit breaker rolling back
 * is a failure).
 */
/** Percent per color from the forward action (ELB weights are 0–999; shown as percent of their sum). */
function readWeights(actions, targetGroups) {
    const forward = (actions ?? []).find((action) => action.Type === 'forward');
    if (!forward)
        throw new Error('the listener has no forward action');
    const groups = forward.ForwardConfig?.TargetGroups ?? (forward.TargetGroupArn ? [{ TargetGroupArn: forward.TargetGroupArn, Weight: 1 }] : []);
    const weightOf = (arn) => groups.filter((group) => group.TargetGroupArn === arn).reduce((sum, group) => sum + (group.Weight ?? 1), 0);
    const unknown = groups.find((group) => group.TargetGroupArn !== targetGroups.blue && group.TargetGroupArn !== targetGroups.green && (group.Weight ?? 1) > 0);
    if (unknown)
        throw new Error(`the listener forwards to ${unknown.TargetGroupArn}, which is neither the blue nor the green target group`);
    const blue = weightOf(targetGroups.blue);
    const green = weightOf(targetGroups.green);
    if (blue + green === 0)
        throw new Error('the listener forwards to neither target group with a weight above 0');
    const greenPercent = Math.round((green / (blue + green)) * 100);
    return { blue: 100 - greenPercent, green: greenPercent };
}
/** The same actions with the forward action sending `percent` to `color` and the rest to the other color (stickiness kept). */
function withWeights(actions, targetGroups, color, percent) {
    const list = actions ?? [];
    const index = list.findIndex((action) => action.Type === 'forward');
    if (index < 0)
        throw new Error('the listener has no forward action');
    const other = color === 'blue' ? 'green' : 'blue';
    const forward = list[index];
    const replaced = {
        Type: 'forward',
        ...(forward.Order !== undefined ? { Order: forward.Order } : {}),
        ForwardConfig: {
            TargetGroups: [
                { TargetGroupArn: targetGroups[color], Weight: percent },
                { TargetGroupArn: targetGroups[other], Weight: 100 - percent }
            ],
            ...(forward.ForwardConfig?.TargetGroupStickinessConfig ? { TargetGroupStickinessConfig: forward.ForwardConfig.TargetGroupStickinessConfig } : {})
        }
    };
    return list.map((action, i) => (i === index ? replaced : action));
}
/** The test listener's actions: everything to one target group. */
function forwardOnly(actions, targetGroupArn) {
    const list = actions ?? [];
    const index = list.findIndex((action) => action.Type === 'forward');
    const replaced = {
        Type: 'forward',
        ...(list[index]?.Order !== undefined ? { Order: list[index].Order } : {}),
        ForwardConfig: { TargetGroups: [{ TargetGroupArn: targetGroupArn, Weight: 1 }] }
    };
    return index < 0 ? [replaced] : list.map((action, i) => (i === index ? replaced : action));
}
/**
 * Where the service stands for `taskDefinitionArn`. The circuit breaker marks our deployment FAILED
 * and starts a new PRIMARY one on the previous definition: that is a failure however stable the
 * service then becomes (aws-actions/amazon-ecs-deploy-task-definition #191/#494 reported success).
 */
function deploymentState(service, taskDefinitionArn, healthyTargets) {
    if (!service)
        return { state: 'failed', detail: 'the service no longer exists' };
    if (service.status && service.status !== 'ACTIVE')
        return { state: 'failed', detail: `the service is ${service.status}` };
    const deployments = service.deployments ?? [];
    const ours = deployments.find((d) => d.taskDefinition === taskDefinitionArn && d.status === 'PRIMARY');
    if (!ours) {
        const failed = deployments.find((d) => d.taskDefinition === taskDefinitionArn);
        const primary = deployments.find((d) => d.status === 'PRIMARY');
        const why = failed?.rolloutStateReason ?? latestEvent(service);
        return {
            state: 'failed',
            detail: `the deployment of ${(0,task_definition_mapping/* shortArn */.k$)(taskDefinitionArn)} was rolled back${primary?.taskDefinition ? ` to ${(0,task_definition_mapping/* shortArn */.k$)(primary.taskDefinition)}` : ''} (deployment circuit breaker)${why ? `: ${why}` : ''}`
        };
    }
    if (ours.rolloutState === 'FAILED')
        return { state: 'failed', detail: `the deployment of ${(0,task_definition_mapping/* shortArn */.k$)(taskDefinitionArn)} failed${ours.rolloutStateReason ? `: ${ours.rolloutStateReason}` : ''}` };
    const desired = ours.desiredCount ?? 0;
    const running = ours.runningCount ?? 0;
    const others = deployments.filter((d) => d !== ours && (d.runningCount ?? 0) > 0);
    const targets = healthyTargets === undefined ? '' : `, ${healthyTargets} healthy in the target group`;
    const counts = `${running}/${desired} tasks running${ours.failedTasks ? `, ${ours.failedTasks} failed` : ''}${others.length > 0 ? `, ${others.reduce((n, d) => n + (d.runningCount ?? 0), 0)} old still draining` : ''}${targets}`;
    const rolloutDone = ours.rolloutState === undefined ? running === desired : ours.rolloutState === 'COMPLETED';
    if (rolloutDone && running >= desired && others.length === 0 && (healthyTargets === undefined || healthyTargets >= desired))
        return { state: 'stable', detail: counts };
    return { state: 'in-progress', detail: counts, ...(desired > 0 ? { percent: Math.min(100, Math.round((Math.min(running, healthyTargets ?? running) / desired) * 100)) } : {}) };
}
function latestEvent(service) {
    return service.events?.[0]?.message;
}
function primaryDeployment(service) {
    return service?.deployments?.find((d) => d.status === 'PRIMARY');
}

;// CONCATENATED MODULE: ./packages/providers/traffic/aws-ecs/alb-weights/alb-provider.ts








/**
 * Blue-green on ECS with two services behind one ALB listener (@aws-sdk/client-ecs and
 * @aws-sdk/client-elastic-load-balancing-v2, the official SDKs). Blue and green are the two target
 * groups; each color's ECS service is registered in its own. The listener's weighted forward
 * action is the traffic split, the services' task definitions are the versions, and the rest of the
 * state (active color, kept previous version, a paused deployment, the last outcome, the deploy
 * lock) lives in the listener's tags, so `status()` reads the truth from AWS on every run.
 *
 * SDK retries are off (clouds/aws/client-config.ts): every call goes through retry() with backoff,
 * jitter, a per-attempt timeout and the run's signal; waits have a deadline and report progress.
 */
class AlbWeightsProvider extends mode_provider/* EcsModeProvider */.W {
    ecs;
    elb;
    supportsWeights = true;
    constructor(ecs, elb, config, options) {
        super(ecs, config, options);
        this.ecs = ecs;
        this.elb = elb;
    }
    async status(signal) {
        const [actions, tags, services] = await Promise.all([this.forwardActions(signal), this.listenerTags(signal), this.services(signal)]);
        const weights = readWeights(actions, this.config.targetGroups);
        const state = (0,state_tags/* readTagState */.QR)(tags);
        const active = state.active ?? (weights.green > weights.blue ? 'green' : 'blue');
        const idle = (0,types/* otherColor */.I)(active);
        const [activeVersion, idleVersion] = await Promise.all([this.serviceVersion(services[active], signal), this.serviceVersion(services[idle], signal)]);
        // The previous version counts only while the idle service still runs exactly what promote kept (prepare replaces it).
        const keptRunning = (services[idle]?.desiredCount ?? 0) > 0 && state.previousVersion !== undefined && idleVersion === state.previousVersion;
        return {
            active,
            ...(activeVersion ? { activeVersion } : {}),
            ...(keptRunning && weights[active] === 100 && !state.paused ? { previousVersion: state.previousVersion } : {}),
            weights,
            ...(state.paused ? { paused: state.paused } : {}),
            history: state.last ? [state.last] : []
        };
    }
    async lock(owner, timeoutMs, signal) {
        const store = {
            kind: 'listener tag',
            resource: (0,task_definition_mapping/* shortArn */.k$)(this.config.listenerArn),
            read: (s) => this.listenerTags(s),
            write: (tags, s) => this.addTags(tags, s),
            remove: (keys, s) => this.removeTags(keys, s)
        };
        const lock = await this.lockTag(store, owner, timeoutMs, signal);
        await this.stopExpiredPrevious(signal);
        return lock;
    }
    async prepare(release, signal) {
        const image = this.imageOf(release);
        const status = await this.status(signal);
        const idle = (0,types/* otherColor */.I)(status.active);
        const services = await this.services(signal);
        const activeService = services[status.active];
        const idleService = services[idle];
        if (!idleService)
            throw new Error(`the ${idle} service ${this.config.services[idle]} was not found in cluster ${this.config.cluster}`);
        const arn = await this.revisions.register({ ...release, image }, activeService?.taskDefinition ?? idleService.taskDefinition, signal);
        if (this.config.testListenerArn)
            await this.pointTestListener(idle, signal);
        const desiredCount = this.config.desiredCount ?? Math.max(activeService?.desiredCount ?? 1, 1);
        await this.call('UpdateService', (s) => this.ecs.send(new dist_cjs/* UpdateServiceCommand */.kZr({ cluster: this.config.cluster, service: this.config.services[idle], taskDefinition: arn, desiredCount, forceNewDeployment: true }), {
            abortSignal: s
        }), signal);
        this.logger.info(`${this.config.services[idle]} (${idle}) deploys ${(0,task_definition_mapping/* shortArn */.k$)(arn)} with ${desiredCount} ${desiredCount === 1 ? 'task' : 'tasks'}; ${status.active} keeps all traffic`);
        await this.waitStable(idle, arn, signal);
        return { color: idle, version: release.version, directUrl: this.config.testUrl ?? this.config.publicUrl };
    }
    async shift(color, percent, signal) {
        const actions = await this.forwardActions(signal);
        try {
            await this.setForwardActions(withWeights(actions, this.config.targetGroups, color, percent), signal);
        }
        catch (error) {
            // ModifyListener applies whole or not at all: read back which, so the failure says where traffic is.
            const now = await this.forwardActions(AbortSignal.timeout(60_000))
                .then((read) => readWeights(read, this.config.targetGroups))
                .catch(() => undefined);
            const where = now ? `the listener sends ${now.blue}% to blue and ${now.green}% to green` : 'the listener could not be read back';
            throw new Error(`${error instanceof Error ? error.message : String(error)}; ${where}`, { cause: error });
        }
    }
    async promote(color, version, keepPreviousMs, signal) {
        const weights = readWeights(await this.forwardActions(signal), this.config.targetGroups);
        if (weights[color] !== 100)
            await this.shift(color, 100, signal);
        const previous = (0,types/* otherColor */.I)(color);
        const services = await this.services(signal);
        const previousVersion = await this.serviceVersion(services[previous], signal);
        if (keepPreviousMs > 0 && previousVersion && (services[previous]?.desiredCount ?? 0) > 0) {
            await this.addTags({ [state_tags/* TAG */.Dk.active]: color, [state_tags/* TAG */.Dk.previous]: previousVersion, [state_tags/* TAG */.Dk.keepUntil]: String(this.now() + keepPreviousMs) }, signal);
            this.logger.info(`${this.config.services[previous]} (${previous}, ${previousVersion}) keeps running for an instant rollback; the first run after ${new Date(this.now() + keepPreviousMs).toISOString()} stops it (the next deploy replaces it)`);
        }
        else {
            await this.addTags({ [state_tags/* TAG */.Dk.active]: color }, signal);
            await this.removeTags([state_tags/* TAG */.Dk.previous, state_tags/* TAG */.Dk.keepUntil], signal);
            await this.scale(previous, 0, signal);
        }
        await this.removeTags([state_tags/* TAG */.Dk.paused], signal);
        this.logger.info(`${version} is active on ${color} (${this.config.services[color]})`);
        await this.deregisterOld(signal);
    }
    async rollback(to, reason, signal) {
        const failed = (0,types/* otherColor */.I)(to);
        const services = await this.services(signal);
        const back = services[to];
        if (!back)
            throw new Error(`the ${to} service ${this.config.services[to]} was not found; traffic left as it is`);
        const failedVersion = await this.serviceVersion(services[failed], signal);
        if ((back.desiredCount ?? 0) === 0 || (back.runningCount ?? 0) < (back.desiredCount ?? 0)) {
            // The way back needs running tasks first: scale the previous definition up before moving traffic.
            const desiredCount = this.config.desiredCount ?? Math.max(back.desiredCount ?? 0, services[failed]?.desiredCount ?? 0, 1);
            await this.scale(to, desiredCount, signal);
            if (back.taskDefinition)
                await this.waitStable(to, back.taskDefinition, signal);
        }
        await this.shift(to, 100, signal);
        this.logger.info(`All traffic is back on ${to} (${this.config.services[to]})`);
        await this.addTags({ [state_tags/* TAG */.Dk.active]: to, [state_tags/* TAG */.Dk.last]: (0,state_tags/* recordTag */.yg)({ outcome: 'rolled-back', color: failed, version: failedVersion ?? 'unknown', at: new Date(this.now()).toISOString(), reason }) }, signal);
        await this.removeTags([state_tags/* TAG */.Dk.paused, state_tags/* TAG */.Dk.previous, state_tags/* TAG */.Dk.keepUntil], signal);
        await this.scale(failed, 0, signal);
    }
    async savePaused(paused, signal) {
        if (paused)
            await this.addTags({ [state_tags/* TAG */.Dk.paused]: (0,state_tags/* pausedTag */.$X)(paused) }, signal);
        else
            await this.removeTags([state_tags/* TAG */.Dk.paused], signal);
    }
    async record(entry, signal) {
        await this.addTags({ [state_tags/* TAG */.Dk.last]: (0,state_tags/* recordTag */.yg)(entry) }, signal);
    }
    close() {
        this.ecs.destroy();
        this.elb.destroy();
        return Promise.resolve();
    }
    /** No process outlives the job to stop the kept previous color: the first run holding the lock after keep-previous ran out does. */
    async stopExpiredPrevious(signal) {
        const state = (0,state_tags/* readTagState */.QR)(await this.listenerTags(signal));
        if (!state.active || state.keepUntil === undefined || state.keepUntil > this.now() || state.paused)
            return;
        const weights = readWeights(await this.forwardActions(signal), this.config.targetGroups);
        if (weights[state.active] !== 100)
            return;
        const previous = (0,types/* otherColor */.I)(state.active);
        this.logger.info(`keep-previous ran out at ${new Date(state.keepUntil).toISOString()}: stopping ${this.config.services[previous]} (${previous}, ${state.previousVersion ?? 'unknown version'})`);
        await this.scale(previous, 0, signal);
        await this.removeTags([state_tags/* TAG */.Dk.previous, state_tags/* TAG */.Dk.keepUntil], signal);
    }
    // ---- waits ------------------------------------------------------------------------------------
    /** Until the color's service runs `taskDefinitionArn` on every task, healthy in its target group; the circuit breaker rolling back is a failure. */
    async waitStable(color, taskDefinitionArn, signal) {
        const name = this.config.services[color];
        await (0,poll/* waitUntil */.a0)({
            what: `ECS service ${name} on ${(0,task_definition_mapping/* shortArn */.k$)(taskDefinitionArn)}`,
            timeoutMs: this.config.stableTimeoutMs,
            ...this.waitClock(),
            signal,
            timeoutHint: `ECS keeps deploying it; ${color} gets no traffic until it is stable`,
            onProgress: ({ status, percent, elapsedMs }) => this.logger.info(`  ${name}: ${status}${percent !== undefined ? ` (${percent}%)` : ''} after ${Math.round(elapsedMs / 1000)} s`),
            check: async () => {
                const service = (await this.services(signal))[color];
                const healthy = await this.healthyTargets(color, signal);
                const state = deploymentState(service, taskDefinitionArn, healthy);
                if (state.state === 'failed')
                    throw new Error(`ECS service ${name}: ${state.detail}`);
                if (state.state === 'stable') {
                    this.logger.info(`  ${name} is stable: ${state.detail}`);
                    return { done: true, value: undefined };
                }
                return { done: false, status: state.detail, ...(state.percent !== undefined ? { percent: state.percent } : {}) };
            }
        });
    }
    async healthyTargets(color, signal) {
        const health = await this.call('DescribeTargetHealth', (s) => this.elb.send(new client_elastic_load_balancing_v2_dist_cjs.DescribeTargetHealthCommand({ TargetGroupArn: this.config.targetGroups[color] }), { abortSignal: s }), signal);
        return (health.TargetHealthDescriptions ?? []).filter((target) => target.TargetHealth?.State === 'healthy').length;
    }
    // ---- ECS --------------------------------------------------------------------------------------
    async services(signal) {
        const { services } = this.config;
        const answer = await this.call('DescribeServices', (s) => this.ecs.send(new dist_cjs/* DescribeServicesCommand */.H7c({ cluster: this.config.cluster, services: [services.blue, services.green] }), { abortSignal: s }), signal);
        const find = (ref) => answer.services?.find((service) => service.serviceName === ref || service.serviceArn === ref);
        return { blue: find(services.blue), green: find(services.green) };
    }
    async serviceVersion(service, signal) {
        return (await this.revisions.info(service?.taskDefinition, signal))?.version;
    }
    async scale(color, desiredCount, signal) {
        await this.call('UpdateService', (s) => this.ecs.send(new dist_cjs/* UpdateServiceCommand */.kZr({ cluster: this.config.cluster, service: this.config.services[color], desiredCount }), { abortSignal: s }), signal);
        this.logger.info(`${this.config.services[color]} (${color}) scaled to ${desiredCount}`);
    }
    /** Revisions of the family beyond ecs-keep-revisions, except those the services use. */
    async deregisterOld(signal) {
        const services = await this.services(signal).catch(() => undefined);
        const inUse = [services?.blue?.taskDefinition, services?.green?.taskDefinition].filter((arn) => !!arn);
        await this.revisions.deregisterOld(inUse, signal);
    }
    // ---- ELBv2 ------------------------------------------------------------------------------------
    async forwardActions(signal) {
        if (this.config.ruleArn) {
            const rules = await this.call('DescribeRules', (s) => this.elb.send(new client_elastic_load_balancing_v2_dist_cjs.DescribeRulesCommand({ RuleArns: [this.config.ruleArn] }), { abortSignal: s }), signal);
            return rules.Rules?.[0]?.Actions ?? [];
        }
        const listeners = await this.call('DescribeListeners', (s) => this.elb.send(new client_elastic_load_balancing_v2_dist_cjs.DescribeListenersCommand({ ListenerArns: [this.config.listenerArn] }), { abortSignal: s }), signal);
        return listeners.Listeners?.[0]?.DefaultActions ?? [];
    }
    async setForwardActions(actions, signal) {
        if (this.config.ruleArn)
            await this.call('ModifyRule', (s) => this.elb.send(new client_elastic_load_balancing_v2_dist_cjs.ModifyRuleCommand({ RuleArn: this.config.ruleArn, Actions: actions }), { abortSignal: s }), signal);
        else
            await this.call('ModifyListener', (s) => this.elb.send(new client_elastic_load_balancing_v2_dist_cjs.ModifyListenerCommand({ ListenerArn: this.config.listenerArn, DefaultActions: actions }), { abortSignal: s }), signal);
    }
    async pointTestListener(color, signal) {
        const arn = this.config.testListenerArn;
        const listeners = await this.call('DescribeListeners', (s) => this.elb.send(new client_elastic_load_balancing_v2_dist_cjs.DescribeListenersCommand({ ListenerArns: [arn] }), { abortSignal: s }), signal);
        const actions = forwardOnly(listeners.Listeners?.[0]?.DefaultActions, this.config.targetGroups[color]);
        await this.call('ModifyListener', (s) => this.elb.send(new client_elastic_load_balancing_v2_dist_cjs.ModifyListenerCommand({ ListenerArn: arn, DefaultActions: actions }), { abortSignal: s }), signal);
        this.logger.info(`Test listener ${(0,task_definition_mapping/* shortArn */.k$)(arn)} forwards to the ${color} target group`);
    }
    async listenerTags(signal) {
        const answer = await this.call('DescribeTags', (s) => this.elb.send(new client_elastic_load_balancing_v2_dist_cjs.DescribeTagsCommand({ ResourceArns: [this.config.listenerArn] }), { abortSignal: s }), signal);
        return answer.TagDescriptions?.[0]?.Tags ?? [];
    }
    async addTags(tags, signal) {
        const Tags = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
        await this.call('AddTags', (s) => this.elb.send(new client_elastic_load_balancing_v2_dist_cjs.AddTagsCommand({ ResourceArns: [this.config.listenerArn], Tags }), { abortSignal: s }), signal);
    }
    async removeTags(keys, signal) {
        await this.call('RemoveTags', (s) => this.elb.send(new client_elastic_load_balancing_v2_dist_cjs.RemoveTagsCommand({ ResourceArns: [this.config.listenerArn], TagKeys: keys }), { abortSignal: s }), signal);
    }
}


/***/ }),

/***/ 12443:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  W: () => (/* binding */ EcsModeProvider)
});

// EXTERNAL MODULE: ./packages/core/poll.ts
var poll = __webpack_require__(54219);
// EXTERNAL MODULE: ./packages/core/error-message.ts
var error_message = __webpack_require__(83728);
;// CONCATENATED MODULE: ./packages/clouds/aws/errors.ts

/**
 * AWS SDK v3 errors, read purely: is it throttling, is it worth another try, and one line naming
 * the operation and the service's fault.
 *
 * Stable API (RDS, S3, ECR for build-push, AWS traffic providers):
 *   isThrottlingError(error), isTransientAwsError(error), describeAwsError(operation, error), awsErrorName(error).
 */
const THROTTLING_CODES = new Set([
    'Throttling',
    'ThrottlingException',
    'ThrottledException',
    'RequestThrottledException',
    'TooManyRequestsException',
    'RequestLimitExceeded',
    'RequestThrottled',
    'PriorRequestNotComplete',
    'SlowDown'
]);
/** The service's fault name (`DBSnapshotNotFoundFault`, `NoSuchBucket`…), if the error carries one. */
function awsErrorName(error) {
    if (typeof error !== 'object' || error === null)
        return undefined;
    const e = error;
    return e.name || e.Code || undefined;
}
/** Throttling answers (after the SDK sent the request once: SDK retries are off, ours decide). */
function isThrottlingError(error) {
    if (typeof error !== 'object' || error === null)
        return false;
    const e = error;
    return THROTTLING_CODES.has(e.name ?? '') || THROTTLING_CODES.has(e.Code ?? '') || e.$retryable?.throttling === true || e.$metadata?.httpStatusCode === 429;
}
/** Throttling, 5xx and network failures are worth another try; a client fault is not. */
function isTransientAwsError(error) {
    if (isThrottlingError(error))
        return true;
    if (typeof error !== 'object' || error === null)
        return false;
    const e = error;
    const status = e.$metadata?.httpStatusCode;
    if (status !== undefined && status >= 500)
        return true;
    return ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'TimeoutError', 'RequestTimeout', 'InternalFailure', 'ServiceUnavailable'].includes(e.code ?? e.name ?? '');
}
/** "CreateDBSnapshot failed: DBSnapshotAlreadyExistsFault: Cannot create the snapshot because …" */
function describeAwsError(operation, error) {
    if (error instanceof Error) {
        const name = error.name && error.name !== 'Error' ? `${error.name}: ` : '';
        return `${operation} failed: ${name}${error.message}`;
    }
    return `${operation} failed: ${(0,error_message/* errorMessage */.g)(error)}`;
}

// EXTERNAL MODULE: ./packages/core/retry.ts
var retry = __webpack_require__(14066);
;// CONCATENATED MODULE: ./packages/providers/traffic/aws-ecs/aws-call.ts


/**
 * Every ECS and ELBv2 call of both modes goes through here: the SDK's own retries are off
 * (clouds/aws/client-config.ts), so retry() gives backoff with jitter, a per-attempt timeout and the
 * run's signal; a final failure names the operation (describeAwsError, no secrets).
 */
const CALL_ATTEMPTS = 6;
const ATTEMPT_TIMEOUT_MS = 30_000;
function awsCall(logger, sleep) {
    return async (operation, send, signal) => {
        try {
            return await (0,retry/* retry */.L5)((attemptSignal) => send(attemptSignal), {
                attempts: CALL_ATTEMPTS,
                baseDelayMs: 1_000,
                maxDelayMs: 20_000,
                attemptTimeoutMs: ATTEMPT_TIMEOUT_MS,
                // Every call made is idempotent or harmless to repeat (a second RegisterTaskDefinition only adds a revision).
                isRetryable: (error) => isTransientAwsError(error) || error instanceof retry/* AttemptTimeoutError */.dU,
                signal,
                sleep,
                onRetry: ({ attempt, delayMs, error }) => logger.info(`${operation} ${isThrottlingError(error) ? 'throttled' : 'failed'} (attempt ${attempt}); retrying in ${Math.round(delayMs / 100) / 10} s`)
            });
        }
        catch (error) {
            throw new Error(describeAwsError(operation, error), { cause: error });
        }
    };
}

// EXTERNAL MODULE: ./packages/providers/traffic/aws-ecs/state-tags.ts
var state_tags = __webpack_require__(21630);
;// CONCATENATED MODULE: ./packages/providers/traffic/aws-ecs/tag-lock.ts


/** A lock left by a run that died expires; a live run holds it for at most a job's lifetime. */
const LOCK_TTL_MS = 6 * 60 * 60_000;
/** The deploy lock both modes keep in a tag, waited for up to `timeoutMs` with progress; released exactly once, and only by its holder. */
async function takeTagLock(store, owner, timeoutMs, signal, clock) {
    const wanted = (0,state_tags/* lockTag */.Uy)(owner, 0).slice(2);
    await (0,poll/* waitUntil */.a0)({
        what: `the deploy lock on ${store.resource}`,
        timeoutMs,
        intervalMs: clock.pollIntervalMs ?? 5_000,
        maxIntervalMs: clock.maxPollIntervalMs ?? 30_000,
        sleep: clock.sleep,
        now: clock.now,
        signal,
        onProgress: ({ status }) => clock.logger.info(`Waiting for the deploy lock: ${status}`),
        check: async () => {
            const held = (0,state_tags/* readTagState */.QR)(await store.read(signal)).lock;
            if (held && held.owner !== wanted && held.expiresAt > clock.now())
                return { done: false, status: `held by ${held.owner}` };
            await store.write({ [state_tags/* TAG */.Dk.lock]: (0,state_tags/* lockTag */.Uy)(owner, clock.now() + LOCK_TTL_MS) }, signal);
            // Tags are not conditional: read back, and a run that wrote at the same instant keeps waiting.
            const after = (0,state_tags/* readTagState */.QR)(await store.read(signal)).lock;
            return after?.owner === wanted ? { done: true, value: undefined } : { done: false, status: `held by ${after?.owner ?? 'nobody'}` };
        }
    }).catch((error) => {
        throw new Error(`could not take the deploy lock (${store.kind} ${state_tags/* TAG */.Dk.lock}): ${error instanceof Error ? error.message : String(error)}; remove the tag if its holder is gone`);
    });
    let released = false;
    return {
        release: async () => {
            if (released)
                return;
            released = true;
            const held = (0,state_tags/* readTagState */.QR)(await store.read(AbortSignal.timeout(60_000))).lock;
            if (held?.owner === wanted)
                await store.remove([state_tags/* TAG */.Dk.lock], AbortSignal.timeout(60_000));
        }
    };
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var dist_cjs = __webpack_require__(80212);
// EXTERNAL MODULE: ./packages/providers/traffic/aws-ecs/task-definition-mapping.ts
var task_definition_mapping = __webpack_require__(2217);
;// CONCATENATED MODULE: ./packages/providers/traffic/aws-ecs/task-definitions.ts


/**
 * The task definition revisions both modes work with: register one for a release (from the template
 * file or a running definition), read what a revision runs, and deregister the family's old
 * revisions beyond ecs-keep-revisions (never one in use; a failure there only warns).
 */
class TaskDefinitions {
    ecs;
    call;
    logger;
    config;
    template;
    constructor(ecs, call, logger, config, template) {
        this.ecs = ecs;
        this.call = call;
        this.logger = logger;
        this.config = config;
        this.template = template;
    }
    async describe(arn, signal) {
        if (!arn)
            return {};
        return this.call('DescribeTaskDefinition', (s) => this.ecs.send(new dist_cjs/* DescribeTaskDefinitionCommand */.Zy$({ taskDefinition: arn, include: ['TAGS'] }), { abortSignal: s }), signal);
    }
    async info(arn, signal) {
        if (!arn)
            return undefined;
        const { taskDefinition, tags } = await this.describe(arn, signal);
        const version = (0,task_definition_mapping/* versionOf */.E4)(taskDefinition, tags, this.config.container);
        const color = (0,task_definition_mapping/* colorOf */.HN)(tags);
        return { arn, ...(version ? { version } : {}), ...(color ? { color } : {}) };
    }
    /** Registers `release.image` over the template file, else over the definition `currentArn` runs. */
    async register(release, currentArn, signal, color) {
        const source = this.template ?? (await this.describe(currentArn, signal)).taskDefinition;
        if (!source)
            throw new Error('no task definition to start from: neither a template file nor a service definition');
        const registered = await this.call('RegisterTaskDefinition', (s) => this.ecs.send(new dist_cjs/* RegisterTaskDefinitionCommand */.$Hl((0,task_definition_mapping/* registerRequest */.VE)(source, release.image, release.version, this.config.container, color)), { abortSignal: s }), signal);
        const arn = registered.taskDefinition?.taskDefinitionArn;
        if (!arn)
            throw new Error('RegisterTaskDefinition returned no ARN');
        this.logger.info(`Registered ${(0,task_definition_mapping/* shortArn */.k$)(arn)} with ${release.image}`);
        return arn;
    }
    async deregisterOld(inUse, signal) {
        if (this.config.keepRevisions <= 0)
            return;
        try {
            const family = inUse[0] ? (0,task_definition_mapping/* familyOf */.Ap)(inUse[0]) : undefined;
            if (!family)
                return;
            const arns = [];
            let nextToken;
            do {
                const page = await this.call('ListTaskDefinitions', (s) => this.ecs.send(new dist_cjs/* ListTaskDefinitionsCommand */.Pse({ familyPrefix: family, status: 'ACTIVE', sort: 'DESC', nextToken }), { abortSignal: s }), signal);
                arns.push(...(page.taskDefinitionArns ?? []).filter((arn) => (0,task_definition_mapping/* familyOf */.Ap)(arn) === family));
                nextToken = page.nextToken;
            } while (nextToken);
            const old = (0,task_definition_mapping/* revisionsToDeregister */.q3)(arns, inUse, this.config.keepRevisions);
            for (const arn of old)
                await this.call('DeregisterTaskDefinition', (s) => this.ecs.send(new dist_cjs/* DeregisterTaskDefinitionCommand */.sjB({ taskDefinition: arn }), { abortSignal: s }), signal);
            if (old.length > 0)
                this.logger.info(`Deregistered ${old.length} old ${old.length === 1 ? 'revision' : 'revisions'} of ${family} (keeping ${this.config.keepRevisions}): ${old.map(task_definition_mapping/* shortArn */.k$).join(', ')}`);
        }
        catch (error) {
            this.logger.warning(`old task definition revisions were not deregistered: ${error instanceof Error ? error.message : String(error)}`);
        }
    }
}

;// CONCATENATED MODULE: ./packages/providers/traffic/aws-ecs/mode-provider.ts




/**
 * What the two aws-ecs modes (alb-weights, native) share: the clock, every AWS call through
 * awsCall (retries, per-attempt timeout), the task definition revisions, the deploy lock in a tag
 * and the poll settings of their waits (10 s, doubling up to 30 s, unless the options say otherwise).
 */
class EcsModeProvider {
    config;
    options;
    name = 'aws-ecs';
    logger;
    sleep;
    now;
    call;
    revisions;
    constructor(ecs, config, options) {
        this.config = config;
        this.options = options;
        this.logger = options.logger;
        this.sleep = options.sleep ?? poll/* defaultSleep */.JG;
        this.now = options.now ?? Date.now;
        this.call = awsCall(this.logger, this.sleep);
        this.revisions = new TaskDefinitions(ecs, this.call, this.logger, config, options.template);
    }
    publicUrl() {
        return this.config.publicUrl;
    }
    /** The deploy lock in `store`'s tag, polled at the options' intervals (tag-lock's own defaults otherwise). */
    lockTag(store, owner, timeoutMs, signal) {
        return takeTagLock(store, owner, timeoutMs, signal, {
            logger: this.logger,
            sleep: this.sleep,
            now: this.now,
            ...(this.options.pollIntervalMs !== undefined ? { pollIntervalMs: this.options.pollIntervalMs } : {}),
            ...(this.options.maxPollIntervalMs !== undefined ? { maxPollIntervalMs: this.options.maxPollIntervalMs } : {})
        });
    }
    /** The clock of a wait on ECS (waitUntil's intervalMs, maxIntervalMs, sleep and now). */
    waitClock() {
        return { intervalMs: this.options.pollIntervalMs ?? 10_000, maxIntervalMs: this.options.maxPollIntervalMs ?? 30_000, sleep: this.sleep, now: this.now };
    }
    imageOf(release) {
        if (!release.image)
            throw new Error('aws-ecs deploys an image; the release has none');
        return release.image;
    }
}


/***/ }),

/***/ 21630:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $X: () => (/* binding */ pausedTag),
/* harmony export */   Dk: () => (/* binding */ TAG),
/* harmony export */   QR: () => (/* binding */ readTagState),
/* harmony export */   Uy: () => (/* binding */ lockTag),
/* harmony export */   yg: () => (/* binding */ recordTag)
/* harmony export */ });
/* unused harmony export tagText */
/**
 * The state the provider keeps in tags, read and written as pure values: the listener's tags in
 * the ALB mode, the service's tags in native mode (active color, kept previous version, a paused
 * deployment, the last outcome, the deploy lock). ELB and ECS tag values allow only letters,
 * digits, spaces and _ . : / = + - @, so records are space-separated fields, never JSON.
 */
const TAG = {
    active: 'deploy-actions:active',
    previous: 'deploy-actions:previous',
    paused: 'deploy-actions:paused',
    last: 'deploy-actions:last',
    lock: 'deploy-actions:lock',
    keepUntil: 'deploy-actions:keep-until',
    version: 'deploy-actions:version',
    color: 'deploy-actions:color'
};
const TAG_VALUE = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu;
/** A free text made fit for a tag value: disallowed characters become spaces, at most `max` characters. */
function tagText(text, max = 200) {
    return text.replace(TAG_VALUE, ' ').replace(/\s+/g, ' ').trim().slice(0, max);
}
function readTagState(tags) {
    const value = (key) => tags?.find((tag) => tag.Key === key)?.Value || undefined;
    const state = {};
    const active = value(TAG.active);
    if (active === 'blue' || active === 'green')
        state.active = active;
    const previous = value(TAG.previous);
    if (previous)
        state.previousVersion = previous;
    const paused = value(TAG.paused)?.split(' ');
    if (paused && paused.length === 5 && (paused[0] === 'blue' || paused[0] === 'green')) {
        state.paused = { color: paused[0], weight: Number(paused[1]), remainingSteps: paused[2].split('/').map(Number), at: paused[3], version: paused[4] };
    }
    const last = value(TAG.last)?.split(' ');
    if (last && last.length >= 4 && (last[1] === 'blue' || last[1] === 'green') && ['promoted', 'rolled-back', 'aborted'].includes(last[0])) {
        const reason = last.slice(4).join(' ');
        state.last = { outcome: last[0], color: last[1], at: last[2], version: last[3], ...(reason ? { reason } : {}) };
    }
    const lock = value(TAG.lock);
    const match = lock ? /^(\d+) (.+)$/.exec(lock) : null;
    if (match)
        state.lock = { expiresAt: Number(match[1]), owner: match[2] };
    const keepUntil = Number(value(TAG.keepUntil));
    if (Number.isFinite(keepUntil) && keepUntil > 0)
        state.keepUntil = keepUntil;
    return state;
}
function pausedTag(paused) {
    return `${paused.color} ${paused.weight} ${paused.remainingSteps.join('/')} ${paused.at} ${paused.version}`;
}
function recordTag(record) {
    const head = `${record.outcome} ${record.color} ${record.at} ${record.version}`;
    return record.reason ? `${head} ${tagText(record.reason, 250 - head.length)}`.trim() : head;
}
function lockTag(owner, expiresAt) {
    return `${expiresAt} ${tagText(owner, 230) || 'unknown'}`;
}


/***/ }),

/***/ 2217:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ap: () => (/* binding */ familyOf),
/* harmony export */   E4: () => (/* binding */ versionOf),
/* harmony export */   HN: () => (/* binding */ colorOf),
/* harmony export */   VE: () => (/* binding */ registerRequest),
/* harmony export */   k$: () => (/* binding */ shortArn),
/* harmony export */   q3: () => (/* binding */ revisionsToDeregister)
/* harmony export */ });
/* harmony import */ var _state_tags_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(21630);

/**
 * Pure mapping for the task definitions both modes register: the RegisterTaskDefinition request for
 * a release (only the container's image replaced; the version and, in native mode, the color kept
 * in the revision's tags), the version and color a revision carries, and the revisions to deregister.
 */
const READ_ONLY_FIELDS = ['taskDefinitionArn', 'revision', 'status', 'requiresAttributes', 'compatibilities', 'registeredAt', 'registeredBy', 'deregisteredAt'];
/** The RegisterTaskDefinition request for `image`: the source definition (the service's current one or a template file) with only the container's image replaced. */
function registerRequest(source, image, version, containerName, color) {
    const copy = { ...source };
    for (const field of READ_ONLY_FIELDS)
        delete copy[field];
    const containers = source.containerDefinitions ?? [];
    if (!source.family)
        throw new Error('the task definition has no family');
    const target = pickContainer(containers, containerName);
    const containerDefinitions = containers.map((container) => (container === target ? { ...container, image } : container));
    return {
        ...copy,
        family: source.family,
        containerDefinitions,
        tags: [{ key: _state_tags_js__WEBPACK_IMPORTED_MODULE_0__/* .TAG */ .Dk.version, value: version }, ...(color ? [{ key: _state_tags_js__WEBPACK_IMPORTED_MODULE_0__/* .TAG */ .Dk.color, value: color }] : [])]
    };
}
function pickContainer(containers, name) {
    if (name) {
        const found = containers.find((container) => container.name === name);
        if (!found)
            throw new Error(`the task definition has no container "${name}" (it has ${containers.map((c) => c.name).join(', ') || 'none'})`);
        return found;
    }
    if (containers.length !== 1)
        throw new Error(`the task definition has ${containers.length} containers (${containers.map((c) => c.name).join(', ')}); name the one to update with ecs-container`);
    return containers[0];
}
/** The version a task definition runs: our tag, else the image's tag or digest. */
function versionOf(definition, tags, containerName) {
    const tagged = tags?.find((tag) => tag.key === _state_tags_js__WEBPACK_IMPORTED_MODULE_0__/* .TAG */ .Dk.version)?.value;
    if (tagged)
        return tagged;
    const containers = definition?.containerDefinitions ?? [];
    const container = containerName ? containers.find((c) => c.name === containerName) : containers.length === 1 ? containers[0] : undefined;
    const image = container?.image;
    if (!image)
        return undefined;
    const at = image.lastIndexOf('@');
    if (at >= 0)
        return image.slice(at + 1);
    const colon = image.lastIndexOf(':');
    return colon > image.lastIndexOf('/') ? image.slice(colon + 1) : 'latest';
}
/** Revisions beyond the newest `keep` of the family, never one a service still uses. `arns` in any order. */
function revisionsToDeregister(arns, inUse, keep) {
    if (keep <= 0)
        return [];
    const revision = (arn) => Number(arn.slice(arn.lastIndexOf(':') + 1));
    const newestFirst = [...arns].sort((a, b) => revision(b) - revision(a));
    return newestFirst.slice(keep).filter((arn) => !inUse.includes(arn));
}
/** The color a revision was registered for (native mode), from its tags. */
function colorOf(tags) {
    const value = tags?.find((tag) => tag.key === _state_tags_js__WEBPACK_IMPORTED_MODULE_0__/* .TAG */ .Dk.color)?.value;
    return value === 'blue' || value === 'green' ? value : undefined;
}
function familyOf(arn) {
    return /:task-definition\/([^:]+):\d+$/.exec(arn)?.[1];
}
function shortArn(arn) {
    return arn.slice(arn.lastIndexOf('/') + 1);
}


/***/ })

};

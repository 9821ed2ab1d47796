export const id = 294;
export const ids = [294];
export const modules = {

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

/***/ 77294:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  NativeBlueGreenProvider: () => (/* binding */ NativeBlueGreenProvider)
});

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
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var dist_cjs = __webpack_require__(80212);
;// CONCATENATED MODULE: ./packages/providers/traffic/aws-ecs/native/ecs-service-api.ts



/**
 * The ECS calls of native blue/green, for the one service: describe it, start a BLUE_GREEN, CANARY
 * or LINEAR service deployment (UpdateService), read and stop (ROLLBACK) service deployments, read ECS's record of the
 * current one with the task definitions of its revisions, and the service's tags. Every call through
 * the shared retrying AwsCall.
 */
class EcsServiceApi {
    ecs;
    call;
    config;
    revisions;
    constructor(ecs, call, config, revisions) {
        this.ecs = ecs;
        this.call = call;
        this.config = config;
        this.revisions = revisions;
    }
    async describe(signal) {
        const answer = await this.call('DescribeServices', (s) => this.ecs.send(new dist_cjs/* DescribeServicesCommand */.H7c({ cluster: this.config.cluster, services: [this.config.service] }), { abortSignal: s }), signal);
        const service = answer.services?.find((found) => found.serviceName === this.config.service || found.serviceArn === this.config.service);
        if (!service || !service.serviceArn)
            throw new Error(`ECS service ${this.config.service} was not found in cluster ${this.config.cluster}`);
        return service;
    }
    /** Starts a service deployment of `taskDefinition` with the config's strategy (BLUE_GREEN unless told; a rollback's redeploy is always BLUE_GREEN). */
    async start(service, taskDefinition, signal, strategy = { kind: 'BLUE_GREEN' }) {
        // A linear or canary configuration is only valid with its own strategy: the service's previous one is dropped.
        const { linearConfiguration: _linear, canaryConfiguration: _canary, ...kept } = service.deploymentConfiguration ?? {};
        const deploymentConfiguration = {
            ...kept,
            strategy: strategy.kind,
            ...(this.config.bakeTimeMinutes !== undefined ? { bakeTimeInMinutes: this.config.bakeTimeMinutes } : {}),
            ...(strategy.kind === 'LINEAR' ? { linearConfiguration: { stepPercent: strategy.stepPercent, stepBakeTimeInMinutes: strategy.stepBakeMinutes } } : {}),
            ...(strategy.kind === 'CANARY' ? { canaryConfiguration: { canaryPercent: strategy.canaryPercent, canaryBakeTimeInMinutes: strategy.stepBakeMinutes } } : {})
        };
        const updated = await this.call('UpdateService', (s) => this.ecs.send(new dist_cjs/* UpdateServiceCommand */.kZr({ cluster: this.config.cluster, service: this.config.service, taskDefinition, deploymentConfiguration }), { abortSignal: s }), signal);
        const arn = updated.service?.currentServiceDeployment ?? (await this.latestDeploymentArn(signal));
        if (!arn)
            throw new Error(`ECS started no service deployment for ${(0,task_definition_mapping/* shortArn */.k$)(taskDefinition)} on ${this.config.service}`);
        return arn;
    }
    async latestDeploymentArn(signal) {
        const listed = await this.call('ListServiceDeployments', (s) => this.ecs.send(new dist_cjs/* ListServiceDeploymentsCommand */.jz8({ cluster: this.config.cluster, service: this.config.service, maxResults: 1 }), { abortSignal: s }), signal);
        return listed.serviceDeployments?.[0]?.serviceDeploymentArn;
    }
    async deployment(arn, signal) {
        const answer = await this.call('DescribeServiceDeployments', (s) => this.ecs.send(new dist_cjs/* DescribeServiceDeploymentsCommand */.A6p({ serviceDeploymentArns: [arn] }), { abortSignal: s }), signal);
        return answer.serviceDeployments?.[0];
    }
    /** ECS's record for status(): the current service deployment with what its revisions run, and the service's tags. */
    async readRecord(service, signal) {
        const state = (0,state_tags/* readTagState */.QR)(await this.tags(service.serviceArn, signal));
        const arn = service.currentServiceDeployment ?? (await this.latestDeploymentArn(signal));
        const deployment = arn ? await this.deployment(arn, signal) : undefined;
        if (!deployment)
            return { current: await this.revisions.info(service.taskDefinition, signal), state };
        const sourceArn = deployment.sourceServiceRevisions?.[0]?.arn;
        const targetArn = deployment.targetServiceRevision?.arn;
        const wanted = [sourceArn, targetArn].filter((a) => !!a);
        const revisions = wanted.length
            ? await this.call('DescribeServiceRevisions', (s) => this.ecs.send(new dist_cjs/* DescribeServiceRevisionsCommand */.oF5({ serviceRevisionArns: wanted }), { abortSignal: s }), signal)
            : {};
        const taskDefinitionOf = (revisionArn) => revisionArn ? revisions.serviceRevisions?.find((revision) => revision.serviceRevisionArn === revisionArn)?.taskDefinition : undefined;
        const [source, target] = await Promise.all([this.revisions.info(taskDefinitionOf(sourceArn), signal), this.revisions.info(taskDefinitionOf(targetArn), signal)]);
        return { deployment, ...(source ? { source } : {}), ...(target ? { target } : {}), state };
    }
    async tags(arn, signal) {
        const answer = await this.call('ListTagsForResource', (s) => this.ecs.send(new dist_cjs/* ListTagsForResourceCommand */.a_e({ resourceArn: arn }), { abortSignal: s }), signal);
        return (answer.tags ?? []).map((tag) => ({ Key: tag.key, Value: tag.value }));
    }
    async tag(arn, tags, signal) {
        const list = Object.entries(tags).map(([key, value]) => ({ key, value }));
        await this.call('TagResource', (s) => this.ecs.send(new dist_cjs/* TagResourceCommand */.eqU({ resourceArn: arn, tags: list }), { abortSignal: s }), signal);
    }
    async untag(arn, keys, signal) {
        await this.call('UntagResource', (s) => this.ecs.send(new dist_cjs/* UntagResourceCommand */.RP$({ resourceArn: arn, tagKeys: keys }), { abortSignal: s }), signal);
    }
    async stop(arn, signal) {
        await this.call('StopServiceDeployment', (s) => this.ecs.send(new dist_cjs/* StopServiceDeploymentCommand */.a8L({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }), { abortSignal: s }), signal);
    }
}

// EXTERNAL MODULE: ./packages/providers/traffic/aws-ecs/config.ts
var aws_ecs_config = __webpack_require__(22445);
;// CONCATENATED MODULE: ./packages/providers/traffic/aws-ecs/native/native-mapping.ts


/**
 * Pure mapping for ECS native blue/green: where a service deployment stands (its status and
 * lifecycle stage), what a wait is after, and the engine's TrafficStatus read from ECS's own record
 * (the current service deployment, its source and target revisions and their tags).
 *
 * ECS has no colors: each revision deploy-actions registers carries one in its tags (the color the
 * previous revision did not have), so reruns read the same colors back.
 */
/** Lifecycle stages in the order a BLUE_GREEN deployment goes through them. */
const STAGES = [
    'RECONCILE_SERVICE',
    'PRE_SCALE_UP',
    'SCALE_UP',
    'POST_SCALE_UP',
    'TEST_TRAFFIC_SHIFT',
    'POST_TEST_TRAFFIC_SHIFT',
    'PRE_PRODUCTION_TRAFFIC_SHIFT',
    'PRODUCTION_TRAFFIC_SHIFT',
    'POST_PRODUCTION_TRAFFIC_SHIFT',
    'BAKE_TIME',
    'CLEAN_UP'
];
const UNDER_WAY = ['PENDING', 'IN_PROGRESS'];
const ROLLING_BACK = ['ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS', 'STOP_REQUESTED'];
/** How a deployment ends on its own when it does not succeed: circuit breaker, alarms, a lifecycle hook, a stop. */
const ENDED_BADLY = ['ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED', 'STOPPED'];
function stageIndex(stage) {
    return STAGES.indexOf((stage ?? ''));
}
function isUnderWay(deployment) {
    return UNDER_WAY.includes(deployment?.status ?? '');
}
function isRollingBack(deployment) {
    return ROLLING_BACK.includes(deployment?.status ?? '');
}
/** Percent of production traffic on the target revision. */
function targetWeight(deployment) {
    if (deployment.status === 'SUCCESSFUL')
        return 100;
    if (deployment.status === 'ROLLBACK_SUCCESSFUL' || deployment.status === 'STOPPED')
        return 0;
    const requested = deployment.targetServiceRevision?.requestedProductionTrafficWeight;
    if (requested !== undefined)
        return Math.max(0, Math.min(100, Math.round(requested)));
    return stageIndex(deployment.lifecycleStage) > stageIndex('PRODUCTION_TRAFFIC_SHIFT') ? 100 : 0;
}
const STAGE_TEXT = {
    RECONCILE_SERVICE: 'reconciling the service',
    PRE_SCALE_UP: 'before starting green',
    SCALE_UP: 'starting green tasks',
    POST_SCALE_UP: 'green started',
    TEST_TRAFFIC_SHIFT: 'moving test traffic to green',
    POST_TEST_TRAFFIC_SHIFT: 'test traffic on green',
    PRE_PRODUCTION_TRAFFIC_SHIFT: 'before moving production traffic',
    PRODUCTION_TRAFFIC_SHIFT: 'moving production traffic to green',
    POST_PRODUCTION_TRAFFIC_SHIFT: 'production traffic on green',
    BAKE_TIME: 'baking: production on green, blue still up',
    CLEAN_UP: 'scaling blue down'
};
/** One progress line: `IN_PROGRESS, SCALE_UP (starting green tasks), 1/2 green tasks running`. */
function describeDeployment(deployment) {
    const stage = deployment.lifecycleStage ? `, ${deployment.lifecycleStage}${STAGE_TEXT[deployment.lifecycleStage] ? ` (${STAGE_TEXT[deployment.lifecycleStage]})` : ''}` : '';
    const target = deployment.targetServiceRevision;
    const tasks = target?.requestedTaskCount !== undefined ? `, ${target.runningTaskCount ?? 0}/${target.requestedTaskCount} green tasks running` : '';
    const reason = deployment.statusReason ? `: ${deployment.statusReason}` : '';
    // Mid-shift (CANARY, LINEAR): how far ECS has moved production traffic.
    const weight = target?.requestedProductionTrafficWeight;
    const shifted = deployment.status === 'IN_PROGRESS' && weight !== undefined && weight > 0 && weight < 100 ? `, ${Math.round(weight * 10) / 10}% of production traffic on green` : '';
    return `${deployment.status ?? 'UNKNOWN'}${stage}${tasks}${shifted}${reason}`;
}
/**
 * Whether ECS has moved at least `percent` of production traffic to the target (one of the CANARY or
 * LINEAR steps); ending badly or rolling back fails, as in progressTowards.
 */
function progressToWeight(deployment, percent) {
    const towards = progressTowards(deployment, 'done');
    if (towards.state !== 'waiting')
        return towards;
    return targetWeight(deployment) >= percent ? { state: 'reached', detail: towards.detail } : towards;
}
/**
 * Whether the deployment reached `goal`. A deployment that ends ROLLBACK_SUCCESSFUL, ROLLBACK_FAILED
 * or STOPPED on its own is a failure however healthy the service then is (the circuit breaker and
 * alarms end that way; aws-actions/amazon-ecs-deploy-task-definition #191/#494 reported success).
 */
function progressTowards(deployment, goal) {
    if (!deployment)
        return { state: 'failed', detail: 'the service deployment is gone' };
    const detail = describeDeployment(deployment);
    const status = deployment.status ?? '';
    if (goal === 'rolled-back') {
        if (status === 'ROLLBACK_SUCCESSFUL' || status === 'STOPPED')
            return { state: 'reached', detail };
        if (status === 'ROLLBACK_FAILED')
            return { state: 'failed', detail: `ECS could not roll back (${detail}); traffic is where ECS left it` };
        if (status === 'SUCCESSFUL')
            return { state: 'failed', detail: `the deployment completed before it could be rolled back (${detail})` };
        return { state: 'waiting', detail };
    }
    const why = deployment.statusReason ? `: ${deployment.statusReason}` : ' (circuit breaker, alarm, lifecycle hook or a stop)';
    if (ENDED_BADLY.includes(status))
        return { state: 'failed', detail: `ECS ended the deployment with ${status}${why}` };
    if (ROLLING_BACK.includes(status))
        return { state: 'failed', detail: `ECS is rolling the deployment back (${status})${why}` };
    if (status === 'SUCCESSFUL')
        return { state: 'reached', detail };
    const at = stageIndex(deployment.lifecycleStage);
    const needed = goal === 'started' ? stageIndex('POST_SCALE_UP') : goal === 'tested' ? stageIndex('POST_TEST_TRAFFIC_SHIFT') : goal === 'shifted' ? stageIndex('BAKE_TIME') : Number.POSITIVE_INFINITY;
    return at >= needed ? { state: 'reached', detail } : { state: 'waiting', detail };
}
/** Whether production is on the target revision: ECS finished, or moved the traffic and bakes (blue still up). */
function targetServes(deployment) {
    if (!deployment)
        return false;
    return deployment.status === 'SUCCESSFUL' || (isUnderWay(deployment) && targetWeight(deployment) >= 100);
}
/** Colors of the two revisions: their tags; an untagged one is the opposite of the other, and the serving one is blue when neither has a tag. */
function colorsOf(record) {
    const onTarget = targetServes(record.deployment);
    const [serving, other] = onTarget ? [record.target, record.source] : [record.source, record.target];
    const servingColor = serving?.color ?? (other?.color ? (0,types/* otherColor */.I)(other.color) : 'blue');
    const idleColor = other?.color && other.color !== servingColor ? other.color : (0,types/* otherColor */.I)(servingColor);
    return onTarget ? { source: idleColor, target: servingColor } : { source: servingColor, target: idleColor };
}
/**
 * The engine's view, from ECS's record only (plus the last outcome kept in the service's tags).
 * Once production is on the target revision it is the active one; the source revision is the
 * previous version while ECS bakes (blue still up: StopServiceDeployment rolls back at once) and
 * after it (a rollback deploys it again), unless it is the version just rolled back.
 */
function nativeStatus(record) {
    const history = record.state.last ? [record.state.last] : [];
    const { deployment } = record;
    if (!deployment) {
        const active = record.current?.color ?? 'blue';
        return { active, ...(record.current?.version ? { activeVersion: record.current.version } : {}), weights: split(active, 100), history };
    }
    const colors = colorsOf(record);
    if (targetServes(deployment)) {
        const previous = record.source?.version;
        const rolledBack = record.state.last?.outcome === 'rolled-back' && record.state.last.version === previous;
        return {
            active: colors.target,
            ...(record.target?.version ? { activeVersion: record.target.version } : {}),
            ...(previous && record.source?.arn !== record.target?.arn && !rolledBack ? { previousVersion: previous } : {}),
            weights: split(colors.target, 100),
            history
        };
    }
    // Before the production shift, rolling back or ended badly: the source revision is active; the weight says where production is.
    return {
        active: colors.source,
        ...(record.source?.version ? { activeVersion: record.source.version } : {}),
        weights: split(colors.source, 100 - targetWeight(deployment)),
        history
    };
}
function split(color, percent) {
    return color === 'blue' ? { blue: percent, green: 100 - percent } : { blue: 100 - percent, green: percent };
}
/** ECS's bake time for the next deployment: ecs-bake-time, else the service's own. */
function ecsBakeMinutes(service, config) {
    return config.bakeTimeMinutes ?? service.deploymentConfiguration?.bakeTimeInMinutes ?? 0;
}
/** Why the service cannot take a BLUE_GREEN deployment here: the ECS deployment controller, a load balancer with an advancedConfiguration, an ECS bake time covering the engine's. */
function serviceProblem(service, config) {
    const controller = service.deploymentController?.type;
    if (controller && controller !== 'ECS')
        return `ECS service ${config.service} uses the ${controller} deployment controller; ECS native blue/green needs the ECS controller`;
    const balanced = (service.loadBalancers ?? []).find((lb) => lb.advancedConfiguration?.alternateTargetGroupArn && lb.advancedConfiguration.productionListenerRule);
    if (!balanced)
        return `ECS service ${config.service} has no load balancer with an advancedConfiguration (alternateTargetGroupArn, productionListenerRule, roleArn); ECS native blue/green needs one (or use ecs-blue-service / ecs-green-service for the two-service mode)`;
    if (config.testUrl && !balanced.advancedConfiguration?.testListenerRule)
        return `ecs-test-url is set, but ECS service ${config.service} has no testListenerRule in its advancedConfiguration: green's checks would reach production, not green`;
    const bake = ecsBakeMinutes(service, config);
    const engineBakeMs = config.engineBakeMs ?? 0;
    if (bake * 60_000 < engineBakeMs)
        return `ECS's bake time on ${config.service} is ${(0,aws_ecs_config/* minutes */.Gx)(bake)}, shorter than bake (${(0,aws_ecs_config/* minutes */.Gx)(Math.ceil(engineBakeMs / 60_000))}): ECS would remove blue before the analysis ends; set ecs-bake-time`;
    return undefined;
}

// EXTERNAL MODULE: ./packages/providers/traffic/aws-ecs/native/native-strategy.ts
var native_strategy = __webpack_require__(51552);
;// CONCATENATED MODULE: ./packages/providers/traffic/aws-ecs/native/native-provider.ts








/**
 * Blue-green on one ECS service with ECS's own BLUE_GREEN, CANARY or LINEAR deployment strategy (the
 * service's load balancer has an advancedConfiguration: alternate target group, production and test
 * listener rules, a role ECS uses to move them). ECS moves the traffic. With BLUE_GREEN this is one
 * switch (`supportsWeights: false`). With CANARY or LINEAR ECS takes the engine's own steps
 * (`supportsWeights: true`): shift(P) waits until ECS has moved P% of production traffic, and the
 * engine's bake and analysis run while ECS bakes that step (its per-step bake is the engine's bake).
 * The rest is the same for every strategy: prepare registers the revision, starts the service
 * deployment and waits until green runs; shift(100) waits until ECS has moved all production traffic
 * and bakes (blue still up); the engine's bake and analysis run during ECS's bake; promote waits for SUCCESSFUL; a
 * rollback during the bake is StopServiceDeployment(ROLLBACK). A deployment ECS ends on its own with
 * ROLLBACK_SUCCESSFUL / ROLLBACK_FAILED / STOPPED fails the step. The truth is ECS's record (the
 * current service deployment and its revisions); the service's tags keep the lock and the last outcome.
 */
class NativeBlueGreenProvider extends mode_provider/* EcsModeProvider */.W {
    ecs;
    supportsWeights;
    trafficNote;
    strategy;
    api;
    /** The service deployment this run started (prepare), followed by shift and promote. */
    ours;
    /** Prepare found someone else's deployment under way: a rollback must not stop it. */
    foundForeign = false;
    /** ECS's bake time for this run's deployment: waiting for SUCCESSFUL may take that long beyond ecs-stable-timeout. */
    ecsBakeMs = 0;
    constructor(ecs, config, options) {
        super(ecs, config, options);
        this.ecs = ecs;
        this.strategy = config.strategy ?? { kind: 'BLUE_GREEN' };
        this.supportsWeights = this.strategy.kind !== 'BLUE_GREEN';
        this.trafficNote = (0,native_strategy/* strategyNote */.eA)(this.strategy);
        this.api = new EcsServiceApi(ecs, this.call, config, this.revisions);
    }
    async status(signal) {
        return nativeStatus(await this.api.readRecord(await this.api.describe(signal), signal));
    }
    async lock(owner, timeoutMs, signal) {
        const arn = (await this.api.describe(signal)).serviceArn;
        const store = {
            kind: 'service tag',
            resource: `ECS service ${this.config.service}`,
            read: (s) => this.api.tags(arn, s),
            write: (tags, s) => this.api.tag(arn, tags, s),
            remove: (keys, s) => this.api.untag(arn, keys, s)
        };
        return this.lockTag(store, owner, timeoutMs, signal);
    }
    async prepare(release, signal) {
        const image = this.imageOf(release);
        const service = await this.api.describe(signal);
        const problem = serviceProblem(service, this.config);
        if (problem)
            throw new Error(problem);
        this.ecsBakeMs = ecsBakeMinutes(service, this.config) * 60_000;
        const record = await this.api.readRecord(service, signal);
        if (isUnderWay(record.deployment) || isRollingBack(record.deployment)) {
            this.foundForeign = true;
            throw new Error(`service deployment ${(0,task_definition_mapping/* shortArn */.k$)(record.deployment.serviceDeploymentArn ?? '')} of ${this.config.service} is ${record.deployment.status} (${record.deployment.lifecycleStage ?? 'no stage'}); wait for it, or stop it with mode: rollback`);
        }
        const active = nativeStatus(record).active;
        const green = (0,types/* otherColor */.I)(active);
        const arn = await this.revisions.register({ ...release, image }, service.taskDefinition, signal, green);
        const deploymentArn = await this.api.start(service, arn, signal, this.strategy);
        this.ours = { arn: deploymentArn, color: green, version: release.version };
        const steps = this.strategy.kind === 'BLUE_GREEN' ? '' : ` in steps ${(0,native_strategy/* strategySteps */.Zp)(this.strategy).join(', ')}`;
        this.logger.info(`ECS deploys ${(0,task_definition_mapping/* shortArn */.k$)(arn)} (${green}) on ${this.config.service} with its ${this.strategy.kind} strategy${steps} (service deployment ${(0,task_definition_mapping/* shortArn */.k$)(deploymentArn)}); ${active} serves production until ECS moves the traffic`);
        await this.follow(this.config.testUrl ? 'tested' : 'started', signal);
        return { color: green, version: release.version, directUrl: this.config.testUrl ?? this.config.publicUrl };
    }
    /** ECS moves the traffic on its own: a step is waiting until ECS has moved that much (at 100%: production on green and ECS bakes). */
    async shift(color, percent, signal) {
        const steps = (0,native_strategy/* strategySteps */.Zp)(this.strategy);
        if (!this.ours || this.ours.color !== color || !steps.includes(percent))
            throw new Error(`ECS's ${this.strategy.kind} deployment moves the traffic itself in steps ${steps.join(', ')}; ${percent}% to ${color} is not a step it takes (or no deployment of ${color} is under way in this run)`);
        if (percent < 100) {
            await this.follow({ weight: percent }, signal);
            this.logger.info(`ECS moved ${percent}% of production traffic to ${color} (${this.ours.version}); it bakes this step while the analysis runs`);
            return;
        }
        await this.follow('shifted', signal);
        this.logger.info(`ECS moved production traffic to ${color} (${this.ours.version}); ${(0,types/* otherColor */.I)(color)} stays up through ECS's bake time, where the analysis runs`);
    }
    async promote(color, version, keepPreviousMs, signal) {
        if (!this.ours)
            throw new Error(`no service deployment of ${version} under way in this run to promote`);
        await this.follow('done', signal);
        this.logger.info(`${version} is active on ${color} (${this.config.service}); ECS scaled the previous revision down after its bake time`);
        if (keepPreviousMs > 0)
            this.logger.info('keep-previous does not apply to ECS native blue/green: mode: rollback deploys the previous revision again');
        const record = await this.api.readRecord(await this.api.describe(signal), signal);
        await this.revisions.deregisterOld([record.target?.arn, record.source?.arn].filter((arn) => !!arn), signal);
    }
    async rollback(to, reason, signal) {
        const service = await this.api.describe(signal);
        const record = await this.api.readRecord(service, signal);
        const deployment = record.deployment;
        const colors = colorsOf(record);
        let failedVersion;
        if (this.foundForeign && !this.ours) {
            this.logger.info(`the service deployment under way is not this run's; left as it is`);
            return;
        }
        if (deployment && isUnderWay(deployment)) {
            await this.api.stop(deployment.serviceDeploymentArn, signal);
            this.logger.info(`Asked ECS to roll back service deployment ${(0,task_definition_mapping/* shortArn */.k$)(deployment.serviceDeploymentArn)} (production back on ${colors.source})`);
            await this.follow('rolled-back', signal, deployment.serviceDeploymentArn);
            failedVersion = record.target?.version;
        }
        else if (deployment && isRollingBack(deployment)) {
            await this.follow('rolled-back', signal, deployment.serviceDeploymentArn);
            failedVersion = record.target?.version;
        }
        else if (deployment && deployment.status !== 'SUCCESSFUL') {
            // Ended on its own (circuit breaker, alarm, hook): ECS already put production back on the source revision.
            if (deployment.status === 'ROLLBACK_FAILED')
                throw new Error(`ECS could not roll back service deployment ${(0,task_definition_mapping/* shortArn */.k$)(deployment.serviceDeploymentArn ?? '')}: ${deployment.statusReason ?? 'no reason given'}`);
            this.logger.info(`ECS already ended service deployment ${(0,task_definition_mapping/* shortArn */.k$)(deployment.serviceDeploymentArn ?? '')} with ${deployment.status}; production is on ${colors.source}`);
            failedVersion = record.target?.version;
        }
        else {
            const serving = deployment ? colors.target : (record.current?.color ?? 'blue');
            if (serving === to) {
                this.logger.info(`production is already on ${to}`);
                return;
            }
            if (!record.source?.arn)
                throw new Error(`no previous revision of ${this.config.service} to roll back to; production left on ${serving}`);
            failedVersion = record.target?.version;
            // The previous revision is a whole new BLUE_GREEN deployment: production is back once ECS has moved it.
            const deploymentArn = await this.api.start(service, record.source.arn, signal);
            this.ours = { arn: deploymentArn, color: to, version: record.source.version ?? (0,task_definition_mapping/* shortArn */.k$)(record.source.arn) };
            this.logger.info(`ECS deploys the previous revision ${(0,task_definition_mapping/* shortArn */.k$)(record.source.arn)} (${to}) again (service deployment ${(0,task_definition_mapping/* shortArn */.k$)(deploymentArn)})`);
            await this.follow('shifted', signal);
        }
        this.logger.info(`All traffic is back on ${to} (${this.config.service})`);
        await this.record({ outcome: 'rolled-back', color: (0,types/* otherColor */.I)(to), version: failedVersion ?? this.ours?.version ?? 'unknown', at: new Date(this.now()).toISOString(), reason }, signal);
    }
    savePaused(paused) {
        return paused ? Promise.reject(new Error('ECS native blue/green cannot pause between steps (one switch)')) : Promise.resolve();
    }
    async record(entry, signal) {
        await this.api.tag((await this.api.describe(signal)).serviceArn, { [state_tags/* TAG */.Dk.last]: (0,state_tags/* recordTag */.yg)(entry) }, signal);
    }
    close() {
        this.ecs.destroy();
        return Promise.resolve();
    }
    stepBakeMs() {
        return this.strategy.kind === 'BLUE_GREEN' ? 0 : this.strategy.stepBakeMinutes * 60_000;
    }
    /** Follows the service deployment (this run's, or `arn`) until `goal` (or a CANARY / LINEAR step's weight), a progress line per poll; ending badly is a failure. */
    async follow(goal, signal, arn = this.ours?.arn) {
        if (!arn)
            throw new Error('no service deployment to follow');
        const what = typeof goal === 'object'
            ? `${goal.weight}% of production traffic moved`
            : goal === 'rolled-back'
                ? 'rolled back'
                : goal === 'done'
                    ? 'SUCCESSFUL'
                    : goal === 'shifted'
                        ? 'production traffic moved (BAKE_TIME)'
                        : goal === 'tested'
                            ? 'green up with test traffic'
                            : 'green up';
        let last = '';
        let saidAt = Number.NEGATIVE_INFINITY;
        await (0,poll/* waitUntil */.a0)({
            what: `ECS service deployment ${(0,task_definition_mapping/* shortArn */.k$)(arn)} of ${this.config.service}: ${what}`,
            // ECS's own bake times count on top: its bake time before SUCCESSFUL, a CANARY / LINEAR step's bake before the next step.
            timeoutMs: this.config.stableTimeoutMs + (goal === 'done' ? this.ecsBakeMs : 0) + (typeof goal === 'object' || goal === 'shifted' ? this.stepBakeMs() : 0),
            ...this.waitClock(),
            signal,
            timeoutHint: goal === 'rolled-back' ? 'ECS keeps rolling back; check the service deployment in the console' : 'ECS keeps deploying; a rollback stops it',
            // A line per change, and the same again each minute it stays (ECS's bake can hold one status for an hour).
            onProgress: ({ status, elapsedMs }) => {
                if (status !== last || elapsedMs - saidAt >= 60_000) {
                    this.logger.info(`  ${this.config.service}: ${status} after ${Math.round(elapsedMs / 1000)} s`);
                    saidAt = elapsedMs;
                }
                last = status;
            },
            check: async () => {
                const deployment = await this.api.deployment(arn, signal);
                const progress = typeof goal === 'object' ? progressToWeight(deployment, goal.weight) : progressTowards(deployment, goal);
                if (progress.state === 'failed')
                    throw new Error(`ECS service ${this.config.service}: ${progress.detail}`);
                if (progress.state === 'reached') {
                    this.logger.info(`  ${this.config.service}: ${progress.detail}`);
                    return { done: true, value: undefined };
                }
                return { done: false, status: progress.detail };
            }
        });
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

export const id = 570;
export const ids = [570];
export const modules = {

/***/ 8667:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B2: () => (/* binding */ postJson),
/* harmony export */   Z7: () => (/* binding */ callWithPolicy)
/* harmony export */ });
/* unused harmony export describeError */
/* harmony import */ var _core_http_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5770);
/* harmony import */ var _core_retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6606);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8715);
/* harmony import */ var _core_error_message_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3728);




/**
 * The notifiers' one retry policy: attempts, backoff and per-attempt timeout from the action's
 * inputs, a progress line before each wait (naming the channel, never its URL), and 429 /
 * Retry-After honoured through packages/core/retry.ts.
 */
function retryOptions(what, deps) {
    return {
        attempts: deps.policy.attempts,
        baseDelayMs: deps.policy.baseDelayMs,
        attemptTimeoutMs: deps.policy.timeoutMs,
        sleep: deps.sleep,
        onRetry: ({ attempt, delayMs, error }) => {
            const reason = describeError(error);
            deps.logger.info(`${reason.startsWith(what) ? reason : `${what}: ${reason}`}; retrying in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${deps.policy.attempts})`);
        }
    };
}
/** A short reason for logs and errors; never includes a URL (undici errors name host:port at most). */
function describeError(error) {
    if (error instanceof _core_http_js__WEBPACK_IMPORTED_MODULE_0__/* .HttpStatusError */ .F9)
        return `HTTP ${error.status}${error.retryAfterMs !== undefined ? ` (Retry-After ${Math.round(error.retryAfterMs / 1000)} s)` : ''}`;
    const cause = error?.cause;
    const message = (0,_core_error_message_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .g)(error);
    return cause?.code ? `${message} (${cause.code})` : message;
}
/** POSTs a JSON text to a webhook with the policy; failures become a DeliveryError naming `what`. */
async function postJson(url, json, what, deps, headers = {}) {
    try {
        return await (0,_core_http_js__WEBPACK_IMPORTED_MODULE_0__/* .httpRequestWithRetry */ .sF)({
            url,
            method: 'POST',
            headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'deploy-actions-notify', ...headers },
            body: json,
            timeoutMs: deps.policy.timeoutMs
        }, what, retryOptions(what, deps));
    }
    catch (error) {
        throw asDeliveryError(what, error, deps.policy.attempts);
    }
}
function asDeliveryError(what, error, attempts) {
    if (error instanceof _types_js__WEBPACK_IMPORTED_MODULE_2__/* .DeliveryError */ .V)
        return error;
    if (error instanceof _core_http_js__WEBPACK_IMPORTED_MODULE_0__/* .HttpStatusError */ .F9) {
        return new _types_js__WEBPACK_IMPORTED_MODULE_2__/* .DeliveryError */ .V((0,_core_http_js__WEBPACK_IMPORTED_MODULE_0__/* .isRetryableStatus */ .PS)(error.status) && attempts > 1 ? `${error.message} (gave up after ${attempts} attempts)` : error.message);
    }
    return new _types_js__WEBPACK_IMPORTED_MODULE_2__/* .DeliveryError */ .V(`${what} could not be reached after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${describeError(error)}`);
}
class MappedCallError extends _types_js__WEBPACK_IMPORTED_MODULE_2__/* .DeliveryError */ .V {
    retryable;
    retryAfterMs;
    constructor(failure) {
        super(failure.message);
        this.retryable = failure.retryable;
        this.retryAfterMs = failure.retryAfterMs;
    }
}
/**
 * Runs an SDK call (Slack Web API, Octokit, nodemailer) under the same policy as the HTTP
 * notifiers: `mapError` turns the SDK's error into a message and a retry decision; a timed-out
 * attempt is retried too. Throws a DeliveryError that says when it gave up after retries.
 */
async function callWithPolicy(what, deps, operation, mapError) {
    const { attempts } = deps.policy;
    try {
        return await (0,_core_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .retry */ .L5)(async (signal) => {
            try {
                return await operation(signal);
            }
            catch (error) {
                throw new MappedCallError(mapError(error));
            }
        }, { ...retryOptions(what, deps), isRetryable: (error) => error instanceof _core_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .AttemptTimeoutError */ .dU || (error instanceof MappedCallError && error.retryable) });
    }
    catch (error) {
        const gaveUp = attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
        if (error instanceof _core_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .AttemptTimeoutError */ .dU)
            throw new _types_js__WEBPACK_IMPORTED_MODULE_2__/* .DeliveryError */ .V(`${what} did not answer within ${error.timeoutMs} ms${gaveUp}`);
        if (error instanceof MappedCallError)
            throw new _types_js__WEBPACK_IMPORTED_MODULE_2__/* .DeliveryError */ .V(error.retryable ? `${error.message}${gaveUp}` : error.message);
        throw asDeliveryError(what, error, attempts);
    }
}


/***/ }),

/***/ 3570:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  GitHubNotifier: () => (/* binding */ GitHubNotifier)
});

// EXTERNAL MODULE: ./packages/providers/notifier/delivery-retry.ts
var delivery_retry = __webpack_require__(8667);
// EXTERNAL MODULE: ./packages/providers/notifier/types.ts
var types = __webpack_require__(8715);
// EXTERNAL MODULE: ./packages/core/markdown.ts
var markdown = __webpack_require__(9031);
// EXTERNAL MODULE: ./packages/core/retry-after.ts
var retry_after = __webpack_require__(3641);
// EXTERNAL MODULE: ./packages/providers/notifier/notification-content.ts
var notification_content = __webpack_require__(7191);
;// CONCATENATED MODULE: ./packages/providers/notifier/github/github-deployment.ts



const DEPLOYMENT_STATE = {
    started: 'in_progress',
    success: 'success',
    failure: 'failure',
    cancelled: 'error',
    rolled_back: 'failure'
};
const COMMIT_STATE = {
    started: 'pending',
    success: 'success',
    failure: 'failure',
    cancelled: 'error',
    rolled_back: 'failure'
};
function deploymentState(status) {
    return DEPLOYMENT_STATE[status];
}
function commitState(status) {
    return COMMIT_STATE[status];
}
/** GitHub cuts status descriptions at 140 characters. */
function statusDescription(message) {
    return (0,notification_content/* truncate */.xv)((0,notification_content/* titleWithoutEmoji */.dD)(message.title), 140);
}
/** `deploy/<environment>`, or `deploy/<environment>/<service>` so two services keep two statuses. */
function commitStatusContext(environment, service) {
    return service ? `deploy/${environment}/${service}` : `deploy/${environment}`;
}
/** The deployment's task: GitHub's default `deploy`, or `deploy:<service>` (GitHub's own convention for a task's variant). */
function deploymentTask(service) {
    return service ? `deploy:${service}` : 'deploy';
}
/** Written into the payload of every deployment this action creates, to find it again. */
const CREATED_BY = 'deploy-actions/notify';
/** The login of GITHUB_TOKEN's app, which also creates the deployment of a job with `environment:`. */
const ACTIONS_BOT = 'github-actions[bot]';
/**
 * Whether a listed deployment is one this suite may add statuses to: the one GitHub made for a
 * job with `environment:` (created by github-actions[bot]) or one this action created (its
 * payload says so, whatever token created it). Deployments other tools made for the same commit
 * (a hosting provider's integration, say) are left alone.
 */
function isOwnDeployment(deployment, service) {
    const payload = deployment.payload;
    const ours = typeof payload === 'object' && payload?.created_by === CREATED_BY;
    // With a service, only that service's deployments count: a job's `environment:` deployment
    // cannot say which service it is, and two services must not add statuses to each other's.
    if (service)
        return ours && payload?.service === service && (deployment.task ?? deploymentTask(service)) === deploymentTask(service);
    return payload?.service === undefined && (deployment.creator?.login === ACTIONS_BOT || ours);
}
/**
 * The deployment to add statuses to, among those listed for the sha and environment: the newest
 * of our own (see isOwnDeployment).
 */
function newestDeployment(deployments, service) {
    return [...deployments].filter((d) => isOwnDeployment(d, service)).sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id)[0];
}
/** The environment's own deployment that came before `currentId` (the newest older one), if any. */
function previousDeployment(deployments, currentId, service) {
    return newestDeployment(deployments.filter((d) => d.id < currentId), service);
}
/** GitHub sets production_environment itself (true for an environment named production). */
function createDeploymentBody(context, message) {
    return {
        ref: context.sha,
        task: deploymentTask(context.service),
        environment: context.environment,
        description: statusDescription(message),
        auto_merge: false,
        // Deploying is this workflow's decision: don't let other commit checks block it (409).
        required_contexts: [],
        transient_environment: false,
        payload: { created_by: CREATED_BY, ...(context.service ? { service: context.service } : {}), version: context.version ?? null, run_url: context.runUrl }
    };
}
function deploymentStatusBody(context, message) {
    return {
        state: deploymentState(context.status),
        log_url: context.runUrl,
        description: statusDescription(message),
        environment: context.environment,
        ...(context.environmentUrl ? { environment_url: context.environmentUrl } : {}),
        auto_inactive: true
    };
}
function commitStatusBody(context, message) {
    return {
        state: commitState(context.status),
        target_url: context.environmentUrl && context.status === 'success' ? context.environmentUrl : context.runUrl,
        description: statusDescription(message),
        context: commitStatusContext(context.environment, context.service)
    };
}
/** One comment per environment, and per service when one is given. */
function commentMarker(environment, service) {
    return service ? `<!-- deploy-actions:notify:${environment}:${service} -->` : `<!-- deploy-actions:notify:${environment} -->`;
}
function commentBody(context, message) {
    const rows = (0,notification_content/* deploymentFacts */.PX)(context).map((f) => [f.label, f.url ? `[${f.value}](${f.url})` : f.value]);
    return [
        commentMarker(context.environment, context.service),
        `### ${message.title}`,
        '',
        message.text,
        '',
        (0,markdown/* markdownTable */.Qj)(['', ''], rows),
        '',
        (0,notification_content/* deploymentLinks */.F9)(context)
            .map((l) => `[${l.label}](${l.url})`)
            .join(' · '),
        '',
        `<sub>Updated in place by deploy-actions/notify for each deployment${context.service ? ` of ${context.service}` : ''} to ${context.environment}.</sub>`
    ].join('\n');
}
/** The id of the comment this action wrote for the environment before, if any. */
function findMarkedComment(comments, environment, service) {
    const marker = commentMarker(environment, service);
    return comments.find((c) => (c.body ?? '').includes(marker))?.id;
}
/** Maps an Octokit RequestError (status, response.headers) to a message and a retry decision. */
function mapGitHubError(error, what, now = Date.now()) {
    const e = error;
    const status = e?.status;
    if (typeof status !== 'number' || (status === 500 && !e.response)) {
        const cause = error?.cause?.code;
        return { message: `GitHub ${what} could not be reached: ${(e?.message ?? String(error)).split(' - ')[0]}${cause ? ` (${cause})` : ''}`, retryable: true };
    }
    const headers = e.response?.headers ?? {};
    const retryAfterMs = (0,retry_after/* parseRetryAfter */.m)(headers['retry-after'], now);
    const rateLimited = status === 429 || (status === 403 && (retryAfterMs !== undefined || headers['x-ratelimit-remaining'] === '0'));
    const resetMs = headers['x-ratelimit-reset'] ? Math.max(0, Number(headers['x-ratelimit-reset']) * 1000 - now) : undefined;
    const detail = (e.message ?? '').split(' - https://')[0];
    const hint = status === 403 && !rateLimited
        ? ' — give the job `permissions:` deployments: write, statuses: write and pull-requests: write'
        : status === 404
            ? ' — check the repository and that the token can see it'
            : '';
    return {
        message: `GitHub ${what} answered HTTP ${status}${detail ? `: ${detail}` : ''}${hint}`,
        retryable: rateLimited || status >= 500 || status === 408,
        retryAfterMs: rateLimited ? (retryAfterMs ?? resetMs ?? 60_000) : undefined
    };
}

// EXTERNAL MODULE: ./packages/core/error-message.ts
var error_message = __webpack_require__(3728);
;// CONCATENATED MODULE: ./packages/providers/notifier/github/github-notifier.ts




/**
 * GitHub through @actions/github's Octokit: a deployment and its status, a commit status, and a PR
 * comment updated in place. Octokit's base URL is GITHUB_API_URL, which the runner sets
 * (https://HOST/api/v3 on GitHub Enterprise Server), so the same step works there unchanged.
 * Each part is tried on its own, so a token without `pull-requests: write` still gets the
 * deployment recorded; any failed part makes the channel fail, naming the part.
 *
 * `deployment` mode: `auto` adds a status to the newest own deployment for this sha and
 * environment (the one GitHub made for a job with `environment:`, or one an earlier step made —
 * see isOwnDeployment) and creates one when there is none; `update` only adds statuses (fails
 * when there is none); `create` always creates a new one; `off` skips deployments.
 */
class GitHubNotifier {
    config;
    deps;
    channel = 'github';
    octokit;
    constructor(config, deps) {
        this.config = config;
        this.deps = deps;
    }
    async send({ context, message }) {
        const { getOctokit } = await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 2413));
        this.octokit = getOctokit(this.config.token);
        const outputs = {};
        const done = [];
        const failed = [];
        const part = async (run) => {
            try {
                done.push(await run());
            }
            catch (error) {
                failed.push((0,error_message/* errorMessage */.g)(error));
            }
        };
        if (this.config.deployment !== 'off') {
            await part(async () => {
                // The id is an output as soon as it is known, even if adding the status then fails.
                return this.deployment(context, message, (id) => (outputs['deployment-id'] = String(id)));
            });
        }
        if (this.config.commitStatus) {
            await part(async () => {
                const body = commitStatusBody(context, message);
                await this.call('commit status', (o, base) => o.rest.repos.createCommitStatus({ ...base, sha: context.sha, ...body }));
                return `commit status ${body.context}: ${body.state}`;
            });
        }
        if (this.config.pullRequest !== undefined) {
            await part(async () => {
                const { id, updated } = await this.comment(this.config.pullRequest, context, message);
                outputs['comment-id'] = String(id);
                return `${updated ? 'updated' : 'created'} comment ${id} on #${this.config.pullRequest}`;
            });
        }
        if (failed.length > 0)
            throw new types/* DeliveryError */.V(failed.join('; '), outputs);
        return { detail: done.join('; ') || 'nothing to do', outputs };
    }
    /**
     * One API call under the retry policy. `base` holds owner and repo, and the attempt's signal so
     * that an attempt cut off by the timeout is aborted rather than left running (Octokit has no
     * timeout of its own).
     */
    call(what, request) {
        const octokit = this.octokit;
        const [owner, repo] = this.config.repository.split('/');
        return (0,delivery_retry/* callWithPolicy */.Z7)(`GitHub ${what}`, this.deps, (signal) => request(octokit, { owner, repo, request: { signal } }), (error) => mapGitHubError(error, what));
    }
    async deployment(context, message, found) {
        let id = this.config.deploymentId;
        let how = 'deployment';
        if (id === undefined && (this.config.deployment === 'auto' || this.config.deployment === 'update')) {
            const { data } = await this.call('list deployments', (o, base) => o.rest.repos.listDeployments({ ...base, sha: context.sha, environment: context.environment, per_page: 30 }));
            id = newestDeployment(data, context.service)?.id;
            if (id === undefined && this.config.deployment === 'update') {
                throw new types/* DeliveryError */.V(`GitHub deployment: no deployment${context.service ? ` of ${context.service}` : ''} of ${context.sha.slice(0, 7)} to ${context.environment} to update (declare \`environment:\` on the job, or use github-deployment: auto)`);
            }
            if (id !== undefined)
                how = 'existing deployment';
        }
        if (id === undefined) {
            const { data, status } = await this.call('create deployment', (o, base) => o.rest.repos.createDeployment({ ...base, ...createDeploymentBody(context, message) }));
            if (status !== 201 || !('id' in data))
                throw new types/* DeliveryError */.V(`GitHub create deployment answered HTTP ${status}: ${data.message ?? 'no deployment created'}`);
            id = data.id;
            how = 'created deployment';
        }
        const statusBody = deploymentStatusBody(context, message);
        const deploymentId = id;
        found(deploymentId);
        await this.call('deployment status', (o, base) => o.rest.repos.createDeploymentStatus({ ...base, deployment_id: deploymentId, ...statusBody }));
        let note = `${how} ${deploymentId}: ${statusBody.state}`;
        if (context.status === 'success') {
            const previous = await this.deactivatePrevious(context, deploymentId);
            if (previous !== undefined)
                note += `; previous deployment ${previous} inactive`;
        }
        return note;
    }
    /** Marks the environment's previous deployment inactive when its latest state is success. */
    async deactivatePrevious(context, currentId) {
        const { data } = await this.call('list deployments', (o, base) => o.rest.repos.listDeployments({ ...base, environment: context.environment, per_page: 10 }));
        const previous = previousDeployment(data, currentId, context.service);
        if (!previous)
            return undefined;
        const { data: statuses } = await this.call('list deployment statuses', (o, base) => o.rest.repos.listDeploymentStatuses({ ...base, deployment_id: previous.id, per_page: 1 }));
        if (statuses[0]?.state !== 'success')
            return undefined;
        await this.call('deployment status', (o, base) => o.rest.repos.createDeploymentStatus({
            ...base,
            deployment_id: previous.id,
            state: 'inactive',
            description: `Superseded by deployment ${currentId}`,
            environment: context.environment,
            log_url: context.runUrl
        }));
        return previous.id;
    }
    async comment(issue, context, message) {
        const body = commentBody(context, message);
        const comments = await this.call('list comments', (o, base) => o.paginate(o.rest.issues.listComments, { ...base, issue_number: issue, per_page: 100 }));
        const existing = findMarkedComment(comments, context.environment, context.service);
        if (existing !== undefined) {
            await this.call('update comment', (o, base) => o.rest.issues.updateComment({ ...base, comment_id: existing, body }));
            return { id: existing, updated: true };
        }
        const { data } = await this.call('create comment', (o, base) => o.rest.issues.createComment({ ...base, issue_number: issue, body }));
        return { id: data.id, updated: false };
    }
}


/***/ })

};

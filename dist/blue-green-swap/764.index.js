export const id = 764;
export const ids = [764];
export const modules = {

/***/ 80764:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createEcsProvider: () => (/* binding */ createEcsProvider),
  readTemplate: () => (/* binding */ readTemplate)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
;// CONCATENATED MODULE: ./packages/clouds/aws/credential-choice.ts
/**
 * Which AWS credentials the environment calls for, in the suite's order. Pure: reads only the
 * options and env it is given; credentials.ts builds the SDK provider.
 *
 * 1. Static keys given as inputs (access key id + secret, optional session token).
 * 2. GitHub OIDC web identity: the job may request an ID token (ACTIONS_ID_TOKEN_REQUEST_URL and
 *    _TOKEN, from `permissions: id-token: write`) and a role ARN is named (option or AWS_ROLE_ARN),
 *    with no AWS keys and no token file in the environment (those belong to the SDK's chain).
 * 3. The SDK's default chain: env keys, AWS_WEB_IDENTITY_TOKEN_FILE (as written by
 *    aws-actions/configure-aws-credentials), profiles, container and instance metadata.
 * Any of them can then assume a further role (`assumeRoleArn`).
 */
/** The audience AWS STS expects in a GitHub ID token. */
const AWS_OIDC_AUDIENCE = 'sts.amazonaws.com';
function chooseAwsCredential(options, env) {
    const sessionName = options.sessionName?.trim() || 'deploy-actions';
    const assume = options.assumeRoleArn?.trim() ? { assumeRoleArn: options.assumeRoleArn.trim() } : {};
    if (options.accessKeyId && options.secretAccessKey) {
        return {
            kind: 'static',
            accessKeyId: options.accessKeyId,
            secretAccessKey: options.secretAccessKey,
            ...(options.sessionToken ? { sessionToken: options.sessionToken } : {}),
            ...assume,
            sessionName
        };
    }
    const roleArn = options.webIdentityRoleArn?.trim() || env.AWS_ROLE_ARN?.trim();
    const canRequestIdToken = !!env.ACTIONS_ID_TOKEN_REQUEST_URL && !!env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    const sdkHasOwn = !!env.AWS_ACCESS_KEY_ID || !!env.AWS_WEB_IDENTITY_TOKEN_FILE;
    if (roleArn && canRequestIdToken && !sdkHasOwn)
        return { kind: 'github-oidc', roleArn, ...assume, sessionName };
    return { kind: 'default-chain', ...assume, sessionName };
}
/** Which region: the option, else AWS_REGION, else AWS_DEFAULT_REGION, else `fallback` (undefined: the SDK's profile lookup). */
function resolveAwsRegion(region, env, fallback) {
    return region?.trim() || env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim() || fallback;
}

;// CONCATENATED MODULE: ./packages/clouds/aws/client-config.ts

function awsClientConfig(options, env = process.env) {
    const region = resolveAwsRegion(options.region, env, options.fallbackRegion);
    return {
        ...(region ? { region } : {}),
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        ...(options.credentials ? { credentials: options.credentials } : {}),
        maxAttempts: options.sdkMaxAttempts ?? 1,
        requestHandler: { connectionTimeout: options.connectTimeoutMs ?? 10_000, requestTimeout: options.attemptTimeoutMs ?? 60_000 }
    };
}

;// CONCATENATED MODULE: ./packages/clouds/aws/credentials.ts

async function awsCredentials(options, env = process.env) {
    const choice = chooseAwsCredential(options, env);
    let base;
    switch (choice.kind) {
        case 'static':
            base = { accessKeyId: choice.accessKeyId, secretAccessKey: choice.secretAccessKey, ...(choice.sessionToken ? { sessionToken: choice.sessionToken } : {}) };
            break;
        case 'github-oidc': {
            const { fromWebToken } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(719)]).then(__webpack_require__.t.bind(__webpack_require__, 29719, 19));
            const { getIDToken } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 14116));
            // A fresh GitHub ID token (masked by getIDToken) each time the SDK refreshes the role's keys.
            base = async () => fromWebToken({ roleArn: choice.roleArn, roleSessionName: choice.sessionName, webIdentityToken: await getIDToken(AWS_OIDC_AUDIENCE) })();
            break;
        }
        case 'default-chain':
            base = undefined;
            break;
    }
    if (!choice.assumeRoleArn)
        return { credentials: base, choice };
    const { fromTemporaryCredentials } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(719)]).then(__webpack_require__.t.bind(__webpack_require__, 29719, 19));
    const credentials = fromTemporaryCredentials({
        params: { RoleArn: choice.assumeRoleArn, RoleSessionName: choice.sessionName },
        ...(base ? { masterCredentials: base } : {})
    });
    return { credentials, choice };
}

// EXTERNAL MODULE: ./packages/core/input-error.ts
var input_error = __webpack_require__(2683);
// EXTERNAL MODULE: ./packages/providers/traffic/provider-clock.ts
var provider_clock = __webpack_require__(75515);
;// CONCATENATED MODULE: ./packages/providers/traffic/aws-ecs/provider.ts






/**
 * Builds the aws-ecs provider for its mode: the template file is read and checked first (an
 * InputError naming ecs-task-definition, before any AWS call), then the shared AWS sign-in (GitHub
 * OIDC with aws-role-arn, else the SDK's default chain) and the official SDK clients, loaded lazily:
 * ECS alone for native blue/green, ECS and ELBv2 for the two-service ALB mode.
 * Endpoints: the SDK-native AWS_ENDPOINT_URL_ECS / AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2.
 */
async function createEcsProvider(config, deps) {
    const template = config.taskDefinitionFile ? readTemplate(config.taskDefinitionFile) : undefined;
    const { ECSClient } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(212)]).then(__webpack_require__.t.bind(__webpack_require__, 80212, 19));
    const { credentials } = await awsCredentials({ ...(config.roleArn ? { webIdentityRoleArn: config.roleArn } : {}) });
    const clientConfig = awsClientConfig({ region: config.region, credentials, attemptTimeoutMs: 30_000 });
    const options = { ...(0,provider_clock/* clientDeps */.KI)(deps), ...(template ? { template } : {}) };
    if (config.mode === 'native') {
        const { NativeBlueGreenProvider } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(212), __webpack_require__.e(294)]).then(__webpack_require__.bind(__webpack_require__, 77294));
        return new NativeBlueGreenProvider(new ECSClient(clientConfig), config, options);
    }
    const [{ ElasticLoadBalancingV2Client }, { AlbWeightsProvider }] = await Promise.all([Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(586)]).then(__webpack_require__.t.bind(__webpack_require__, 50586, 19)), Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(212), __webpack_require__.e(586), __webpack_require__.e(318)]).then(__webpack_require__.bind(__webpack_require__, 68318))]);
    return new AlbWeightsProvider(new ECSClient(clientConfig), new ElasticLoadBalancingV2Client(clientConfig), config, options);
}
/** A task definition JSON: the RegisterTaskDefinition shape, or describe-task-definition's output ({ taskDefinition: … }). */
function readTemplate(path) {
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)((0,external_node_path_.resolve)(path), 'utf8');
    }
    catch (error) {
        const code = error.code ?? 'unreadable';
        throw new input_error/* InputError */.d('ecs-task-definition', `names ${path}, which ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`}`, 'a task definition JSON file in the workspace');
    }
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        throw new input_error/* InputError */.d('ecs-task-definition', `names ${path}, which is not valid JSON`, 'a task definition JSON file (as aws ecs describe-task-definition prints it, or its taskDefinition object)');
    }
    const definition = (typeof parsed === 'object' && parsed !== null && 'taskDefinition' in parsed ? parsed.taskDefinition : parsed);
    if (typeof definition !== 'object' ||
        definition === null ||
        typeof definition.family !== 'string' ||
        !Array.isArray(definition.containerDefinitions) ||
        definition.containerDefinitions.length === 0)
        throw new input_error/* InputError */.d('ecs-task-definition', `names ${path}, which has no family or no containerDefinitions`, 'a task definition with "family" and "containerDefinitions"');
    return definition;
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

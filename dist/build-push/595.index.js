export const id = 595;
export const ids = [595];
export const modules = {

/***/ 6595:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ecrProvider: () => (/* binding */ ecrProvider),
  ecrPublicProvider: () => (/* binding */ ecrPublicProvider)
});

// EXTERNAL MODULE: ./packages/core/error-message.ts + 1 modules
var error_message = __webpack_require__(626);
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
            const { fromWebToken } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(719)]).then(__webpack_require__.t.bind(__webpack_require__, 9719, 19));
            const { getIDToken } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 4116));
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
    const { fromTemporaryCredentials } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(719)]).then(__webpack_require__.t.bind(__webpack_require__, 9719, 19));
    const credentials = fromTemporaryCredentials({
        params: { RoleArn: choice.assumeRoleArn, RoleSessionName: choice.sessionName },
        ...(base ? { masterCredentials: base } : {})
    });
    return { credentials, choice };
}

;// CONCATENATED MODULE: ./packages/providers/registry/ecr/aws-config.ts


/**
 * The one place build-push takes AWS configuration from: the suite's AWS chain in packages/clouds/aws
 * (static keys, then GitHub OIDC web identity with AWS_ROLE_ARN, then the SDK's default chain). The
 * sign-in is a single GetAuthorizationToken call that nothing else retries, so the SDK keeps its
 * own retries here (4 attempts), with our per-attempt timeout.
 */
async function ecrClientConfig(region, env = process.env) {
    const { credentials } = await awsCredentials({}, env);
    return awsClientConfig({ region, credentials, sdkMaxAttempts: 4, attemptTimeoutMs: 30_000 }, env);
}

;// CONCATENATED MODULE: ./packages/providers/registry/ecr/ecr-mapping.ts
/**
 * ECR's GetAuthorizationToken answers a base64 `AWS:<password>` token (valid 12 hours). Pure.
 */
function decodeEcrToken(token, host) {
    if (!token)
        throw new Error(`${host}: GetAuthorizationToken returned no token`);
    const decoded = Buffer.from(token, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0)
        throw new Error(`${host}: the ECR token is not user:password`);
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

;// CONCATENATED MODULE: ./packages/providers/registry/ecr/ecr.ts



/** Amazon ECR private registries: GetAuthorizationToken in the registry's own region. */
const ecrProvider = {
    kind: 'ecr',
    async login(spec, context) {
        const { ECRClient, GetAuthorizationTokenCommand } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(249)]).then(__webpack_require__.t.bind(__webpack_require__, 8249, 19));
        const client = new ECRClient(await ecrClientConfig(spec.region ?? 'us-east-1'));
        try {
            const answer = await client.send(new GetAuthorizationTokenCommand({}), { abortSignal: context.signal });
            const credential = decodeEcrToken(answer.authorizationData?.[0]?.authorizationToken, spec.host);
            context.mask(credential.password);
            return credential;
        }
        catch (error) {
            throw new Error(`${spec.host}: ECR sign-in failed: ${(0,error_message/* errorMessage */.g)(error)} — give the job AWS credentials (aws-actions/configure-aws-credentials with OIDC) allowed ecr:GetAuthorizationToken`, { cause: error });
        }
        finally {
            client.destroy();
        }
    }
};
/** Amazon ECR Public (public.ecr.aws): its API lives in us-east-1 only. */
const ecrPublicProvider = {
    kind: 'ecr-public',
    async login(spec, context) {
        const { ECRPUBLICClient, GetAuthorizationTokenCommand } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(821)]).then(__webpack_require__.t.bind(__webpack_require__, 9821, 19));
        const client = new ECRPUBLICClient(await ecrClientConfig('us-east-1'));
        try {
            const answer = await client.send(new GetAuthorizationTokenCommand({}), { abortSignal: context.signal });
            const credential = decodeEcrToken(answer.authorizationData?.authorizationToken, spec.host);
            context.mask(credential.password);
            return credential;
        }
        catch (error) {
            throw new Error(`${spec.host}: ECR Public sign-in failed: ${(0,error_message/* errorMessage */.g)(error)} — give the job AWS credentials allowed ecr-public:GetAuthorizationToken and sts:GetServiceBearerToken`, { cause: error });
        }
        finally {
            client.destroy();
        }
    }
};


/***/ })

};

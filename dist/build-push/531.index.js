export const id = 531;
export const ids = [531];
export const modules = {

/***/ 531:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ecrProvider: () => (/* binding */ ecrProvider),
  ecrPublicProvider: () => (/* binding */ ecrPublicProvider)
});

;// CONCATENATED MODULE: ./packages/providers/registry/ecr/aws-config.ts
/**
 * The one place build-push takes AWS configuration from: the SDK's default credential chain
 * (environment, web identity from OIDC, profile, container and instance metadata) and a region.
 * At merge this is repointed at the shared chain in packages/clouds/aws.
 */
function awsClientConfig(region) {
    return { region, maxAttempts: 4 };
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
        const client = new ECRClient(awsClientConfig(spec.region ?? 'us-east-1'));
        try {
            const answer = await client.send(new GetAuthorizationTokenCommand({}), { abortSignal: context.signal });
            const credential = decodeEcrToken(answer.authorizationData?.[0]?.authorizationToken, spec.host);
            context.mask(credential.password);
            return credential;
        }
        catch (error) {
            throw new Error(`${spec.host}: ECR sign-in failed: ${error instanceof Error ? error.message : String(error)} — give the job AWS credentials (aws-actions/configure-aws-credentials with OIDC) allowed ecr:GetAuthorizationToken`, { cause: error });
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
        const client = new ECRPUBLICClient(awsClientConfig('us-east-1'));
        try {
            const answer = await client.send(new GetAuthorizationTokenCommand({}), { abortSignal: context.signal });
            const credential = decodeEcrToken(answer.authorizationData?.authorizationToken, spec.host);
            context.mask(credential.password);
            return credential;
        }
        catch (error) {
            throw new Error(`${spec.host}: ECR Public sign-in failed: ${error instanceof Error ? error.message : String(error)} — give the job AWS credentials allowed ecr-public:GetAuthorizationToken and sts:GetServiceBearerToken`, { cause: error });
        }
        finally {
            client.destroy();
        }
    }
};


/***/ })

};

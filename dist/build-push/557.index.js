export const id = 557;
export const ids = [557];
export const modules = {

/***/ 3557:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  buildArmCredential: () => (/* binding */ buildArmCredential)
});

// EXTERNAL MODULE: ./packages/core/error-message.ts + 1 modules
var error_message = __webpack_require__(626);
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
    const identity = await __webpack_require__.e(/* import() */ 491).then(__webpack_require__.bind(__webpack_require__, 1491));
    let credential;
    switch (choice.kind) {
        case 'github-oidc': {
            const { getIDToken } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 4116));
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


/***/ })

};

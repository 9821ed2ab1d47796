export const id = 553;
export const ids = [553];
export const modules = {

/***/ 9553:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  acrProvider: () => (/* binding */ acrProvider)
});

// EXTERNAL MODULE: ./packages/core/http.ts
var http = __webpack_require__(5770);
;// CONCATENATED MODULE: ./packages/providers/registry/acr/acr-mapping.ts
/**
 * Azure Container Registry sign-in, the pure half. An Entra access token is exchanged at the
 * registry's POST /oauth2/exchange (form grant_type=access_token) for an ACR refresh token, which
 * docker and buildah use as the password of the fixed user 00000000-0000-0000-0000-000000000000.
 */
const ACR_TOKEN_USER = '00000000-0000-0000-0000-000000000000';
const ARM_SCOPE = 'https://management.azure.com/.default';
function exchangeForm(host, accessToken, tenantId) {
    const form = new URLSearchParams({ grant_type: 'access_token', service: host, access_token: accessToken });
    if (tenantId)
        form.set('tenant', tenantId);
    return form.toString();
}
function refreshTokenCredential(body, host) {
    let parsed;
    try {
        parsed = JSON.parse(body);
    }
    catch {
        throw new Error(`${host}: /oauth2/exchange did not answer JSON`);
    }
    if (typeof parsed.refresh_token !== 'string' || parsed.refresh_token === '')
        throw new Error(`${host}: /oauth2/exchange gave no refresh_token`);
    return { username: ACR_TOKEN_USER, password: parsed.refresh_token };
}

;// CONCATENATED MODULE: ./packages/providers/registry/acr/azure-credential.ts
/**
 * The one place build-push takes an Azure credential from: the shared chain in
 * packages/clouds/azure/credential.ts (GitHub OIDC federated credential first, then a client
 * secret, then managed identity).
 */
async function azureCredential(env) {
    const { buildArmCredential } = await __webpack_require__.e(/* import() */ 557).then(__webpack_require__.bind(__webpack_require__, 3557));
    return (await buildArmCredential(env)).credential;
}

;// CONCATENATED MODULE: ./packages/providers/registry/acr/acr.ts



/** Azure Container Registry: an Entra token from the Azure credential chain, exchanged for an ACR refresh token. */
const acrProvider = {
    kind: 'acr',
    async login(spec, context) {
        const credential = await azureCredential(context.env);
        const token = await credential.getToken(ARM_SCOPE, { abortSignal: context.signal });
        if (!token)
            throw new Error(`${spec.host}: the Azure credential gave no token`);
        context.mask(token.token);
        const response = await (0,http/* httpRequestWithRetry */.sF)({
            url: `${spec.insecure ? 'http' : 'https'}://${spec.host}/oauth2/exchange`,
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: exchangeForm(spec.host, token.token, context.env.AZURE_TENANT_ID),
            timeoutMs: 30_000,
            signal: context.signal
        }, `${spec.host} /oauth2/exchange`);
        const result = refreshTokenCredential(response.body, spec.host);
        context.mask(result.password);
        return result;
    }
};


/***/ })

};

export const id = 888;
export const ids = [888];
export const modules = {

/***/ 3557:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  o: () => (/* binding */ buildArmCredential)
});

// EXTERNAL MODULE: ./packages/core/error-message.ts
var error_message = __webpack_require__(3728);
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
    const identity = await Promise.all(/* import() */[__webpack_require__.e(738), __webpack_require__.e(952)]).then(__webpack_require__.bind(__webpack_require__, 3952));
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


/***/ }),

/***/ 888:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createBlobStore: () => (/* binding */ createBlobStore)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./packages/clouds/azure/credential.ts + 1 modules
var azure_credential = __webpack_require__(3557);
// EXTERNAL MODULE: ./packages/providers/backup-store/destination.ts
var backup_store_destination = __webpack_require__(7838);
// EXTERNAL MODULE: ./packages/providers/backup-store/metadata.ts
var backup_store_metadata = __webpack_require__(8153);
// EXTERNAL MODULE: ./packages/providers/backup-store/store-error.ts
var store_error = __webpack_require__(5020);
;// CONCATENATED MODULE: ./packages/providers/backup-store/azure-blob/blob-store-mapping.ts

function blobItemToStored(item, uri) {
    const metadata = (0,backup_store_metadata/* metadataFromMap */.oU)(item.metadata);
    return {
        key: item.name,
        uri: uri(item.name),
        sizeBytes: item.properties.contentLength ?? 0,
        ...(item.properties.lastModified ? { lastModified: item.properties.lastModified.toISOString() } : {}),
        ...(metadata ? { metadata } : {})
    };
}
/** Block ids must all have the same length within a blob; base64 of a fixed-width label. */
function blockId(runTag, index) {
    return Buffer.from(`${runTag}-${String(index).padStart(8, '0')}`, 'ascii').toString('base64');
}
/** The account URL an azblob:// destination uses when no connection string names the endpoint. */
function accountUrlFor(accountName) {
    return `https://${accountName}.blob.core.windows.net`;
}
function storeErrorKind(error) {
    const e = error;
    if (e?.statusCode === 404)
        return 'not-found';
    if (e?.statusCode === 401 || e?.statusCode === 403)
        return 'auth';
    if (e?.name === 'CredentialUnavailableError' || e?.name === 'AuthenticationError' || e?.name === 'AggregateAuthenticationError')
        return 'auth';
    if (e?.code === 'ECONNREFUSED' || e?.code === 'ENOTFOUND' || e?.code === 'ETIMEDOUT' || e?.code === 'REQUEST_SEND_ERROR')
        return 'unreachable';
    return 'other';
}
/** One line on why authentication failed: no Azure login at all, or credentials the account refused. */
function credentialProblem(error) {
    const e = error;
    if (e?.name === 'CredentialUnavailableError' || e?.name === 'AggregateAuthenticationError' || e?.name === 'AuthenticationError') {
        const first = (e.message ?? '').split('\n')[0].slice(0, 200);
        return `no Azure login is available to DefaultAzureCredential (azure/login with OIDC, managed identity, or AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET)${first ? `: ${first}` : ''}`;
    }
    return 'the storage account refused the credentials';
}

;// CONCATENATED MODULE: ./packages/providers/backup-store/azure-blob/blob-store.ts






/**
 * Azure Blob Storage through @azure/storage-blob. Uploads stage blocks from the stream (a few in
 * flight) and commit the block list with the metadata at the end, so a blob appears only whole.
 * Auth, first that applies: connection string; SAS token; the suite's Azure credential chain
 * (packages/clouds/azure/credential.ts: GitHub OIDC federated credential, client secret, managed
 * identity). The storage SDK keeps its own retries: staged blocks go up in parallel outside our
 * retry policy.
 */
async function createBlobStore(destination, config) {
    const { BlobServiceClient } = await Promise.all(/* import() */[__webpack_require__.e(738), __webpack_require__.e(53)]).then(__webpack_require__.bind(__webpack_require__, 8053));
    const auth = config.azure ?? {};
    let service;
    if (auth.connectionString) {
        service = BlobServiceClient.fromConnectionString(auth.connectionString);
    }
    else {
        let accountUrl = destination.accountUrl;
        if (!accountUrl) {
            if (!auth.accountName)
                throw new Error('an azblob:// destination needs a connection string or a storage account name');
            accountUrl = accountUrlFor(auth.accountName);
        }
        if (auth.sasToken) {
            service = new BlobServiceClient(`${accountUrl}?${auth.sasToken.replace(/^\?/, '')}`);
        }
        else {
            const { credential } = await (0,azure_credential/* buildArmCredential */.o)();
            service = new BlobServiceClient(accountUrl, credential);
        }
    }
    const container = service.getContainerClient(destination.container);
    // URIs keep the destination's own form (azblob:// stays azblob://), not the connection string's endpoint.
    const uri = (key) => (0,backup_store_destination/* objectUri */.W)(destination, key);
    const partBytes = config.partBytes ?? 8 * 1024 * 1024;
    const concurrency = config.concurrency ?? 4;
    return {
        kind: 'azure-blob',
        uri,
        async check(prefix) {
            try {
                await container.listBlobsFlat({ prefix }).byPage({ maxPageSize: 1 }).next();
            }
            catch (error) {
                const reason = storeErrorKind(error);
                const detail = reason === 'not-found' ? `container "${destination.container}" does not exist` : reason === 'auth' ? credentialProblem(error) : error.message;
                throw new store_error/* StoreCheckError */.i(reason, `Azure Blob Storage: ${detail}`);
            }
        },
        async put(key, body, finalize, options = {}) {
            const blob = container.getBlockBlobClient(key);
            const runTag = (0,external_node_crypto_.randomBytes)(6).toString('hex');
            const ids = [];
            const inFlight = new Set();
            let failure;
            let size = 0;
            const stage = (block) => {
                const id = blockId(runTag, ids.length);
                ids.push(id);
                const tracked = blob
                    .stageBlock(id, block, block.length, { abortSignal: options.signal })
                    .then(() => undefined, (error) => {
                    failure ??= error instanceof Error ? error : new Error(String(error));
                })
                    .finally(() => inFlight.delete(tracked));
                inFlight.add(tracked);
            };
            try {
                let block = Buffer.allocUnsafe(partBytes);
                let filled = 0;
                for await (const chunk of body) {
                    if (failure)
                        throw failure;
                    size += chunk.length;
                    let offset = 0;
                    while (offset < chunk.length) {
                        const copied = chunk.copy(block, filled, offset);
                        filled += copied;
                        offset += copied;
                        if (filled === partBytes) {
                            stage(block);
                            block = Buffer.allocUnsafe(partBytes);
                            filled = 0;
                            while (inFlight.size >= concurrency)
                                await Promise.race(inFlight);
                            // Set by a settled stage() while awaiting above (TypeScript cannot see that).
                            if (failure)
                                throw failure;
                        }
                    }
                }
                if (filled > 0)
                    stage(block.subarray(0, filled));
                await Promise.all(inFlight);
                if (failure)
                    throw failure;
            }
            catch (error) {
                await Promise.allSettled(inFlight);
                throw error;
            }
            // Everything is staged but nothing is visible yet; finalize may still refuse (dump failed).
            const metadata = await finalize();
            if (metadata.sizeBytes !== size)
                throw new Error(`uploaded ${size} bytes but the backup has ${metadata.sizeBytes}`);
            await blob.commitBlockList(ids, {
                metadata: (0,backup_store_metadata/* metadataToMap */.Nm)(metadata),
                blobHTTPHeaders: { blobContentType: 'application/octet-stream' },
                abortSignal: options.signal
            });
            return { key, uri: uri(key), sizeBytes: size, metadata };
        },
        async list(prefix) {
            const out = [];
            for await (const item of container.listBlobsFlat({ prefix: prefix === '' ? undefined : `${prefix}/`, includeMetadata: true })) {
                out.push(blobItemToStored(item, uri));
            }
            return out;
        },
        async get(key, signal) {
            const response = await container.getBlockBlobClient(key).download(0, undefined, { abortSignal: signal, maxRetryRequests: 5 });
            if (!response.readableStreamBody)
                throw new Error(`blob ${key} has no body`);
            return response.readableStreamBody;
        },
        async head(key) {
            try {
                const p = await container.getBlockBlobClient(key).getProperties();
                return blobItemToStored({ name: key, properties: { contentLength: p.contentLength, lastModified: p.lastModified }, metadata: p.metadata }, uri);
            }
            catch (error) {
                if (storeErrorKind(error) === 'not-found')
                    return undefined;
                throw error;
            }
        },
        async delete(key) {
            await container.getBlockBlobClient(key).deleteIfExists({ deleteSnapshots: 'include' });
        }
    };
}


/***/ }),

/***/ 8153:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Nm: () => (/* binding */ metadataToMap),
/* harmony export */   oU: () => (/* binding */ metadataFromMap)
/* harmony export */ });
/* unused harmony exports METADATA_MARKER, asciiHeaderValue */
/**
 * BackupMetadata as the flat string map that Azure blob metadata, S3 user metadata and the local
 * sidecar hold. Keys are lowercase letters only (valid as Azure metadata names, which must be C#
 * identifiers, and as x-amz-meta-* headers); values are printable ASCII (HTTP header values).
 * Pure.
 */
const METADATA_MARKER = { managedby: 'deploy-actions', backupformat: '1' };
function metadataToMap(m) {
    const map = {
        ...METADATA_MARKER,
        sizebytes: String(m.sizeBytes),
        sha256: m.sha256,
        engine: m.engine,
        serverversion: m.serverVersion,
        createdat: m.createdAt,
        compression: m.compression,
        encryption: m.encryption
    };
    if (m.environment)
        map.environment = m.environment;
    if (m.deploymentId)
        map.deploymentid = m.deploymentId;
    for (const key of Object.keys(map))
        map[key] = asciiHeaderValue(map[key]);
    return map;
}
/** The metadata of a complete backup, or undefined when the map is not one (foreign object, partial upload). */
function metadataFromMap(raw) {
    if (!raw)
        return undefined;
    const map = {};
    for (const [key, value] of Object.entries(raw))
        if (value !== undefined)
            map[key.toLowerCase()] = value;
    if (map.managedby !== METADATA_MARKER.managedby)
        return undefined;
    const size = Number(map.sizebytes);
    if (!/^[0-9a-f]{64}$/.test(map.sha256 ?? '') || !Number.isSafeInteger(size) || size < 0 || !map.createdat || Number.isNaN(Date.parse(map.createdat)))
        return undefined;
    return {
        sizeBytes: size,
        sha256: map.sha256,
        engine: map.engine ?? '',
        serverVersion: map.serverversion ?? '',
        createdAt: map.createdat,
        compression: map.compression ?? 'none',
        encryption: map.encryption ?? 'none',
        ...(map.environment ? { environment: map.environment } : {}),
        ...(map.deploymentid ? { deploymentId: map.deploymentid } : {})
    };
}
function asciiHeaderValue(value) {
    return value
        .replace(/[\r\n\t]+/g, ' ')
        .replace(/[^\x20-\x7e]/g, '?')
        .trim()
        .slice(0, 256);
}


/***/ })

};

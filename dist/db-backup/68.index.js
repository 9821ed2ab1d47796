export const id = 68;
export const ids = [68];
export const modules = {

/***/ 4791:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   r: () => (/* binding */ awsClientConfig)
/* harmony export */ });
/* harmony import */ var _credential_choice_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5608);

function awsClientConfig(options, env = process.env) {
    const region = (0,_credential_choice_js__WEBPACK_IMPORTED_MODULE_0__/* .resolveAwsRegion */ .KC)(options.region, env, options.fallbackRegion);
    return {
        ...(region ? { region } : {}),
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        ...(options.credentials ? { credentials: options.credentials } : {}),
        maxAttempts: options.sdkMaxAttempts ?? 1,
        requestHandler: { connectionTimeout: options.connectTimeoutMs ?? 10_000, requestTimeout: options.attemptTimeoutMs ?? 60_000 }
    };
}


/***/ }),

/***/ 5608:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hh: () => (/* binding */ AWS_OIDC_AUDIENCE),
/* harmony export */   ID: () => (/* binding */ chooseAwsCredential),
/* harmony export */   KC: () => (/* binding */ resolveAwsRegion)
/* harmony export */ });
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


/***/ }),

/***/ 3238:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ awsCredentials)
/* harmony export */ });
/* harmony import */ var _credential_choice_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5608);

async function awsCredentials(options, env = process.env) {
    const choice = (0,_credential_choice_js__WEBPACK_IMPORTED_MODULE_0__/* .chooseAwsCredential */ .ID)(options, env);
    let base;
    switch (choice.kind) {
        case 'static':
            base = { accessKeyId: choice.accessKeyId, secretAccessKey: choice.secretAccessKey, ...(choice.sessionToken ? { sessionToken: choice.sessionToken } : {}) };
            break;
        case 'github-oidc': {
            const { fromWebToken } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(719)]).then(__webpack_require__.t.bind(__webpack_require__, 9719, 19));
            const { getIDToken } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 4116));
            // A fresh GitHub ID token (masked by getIDToken) each time the SDK refreshes the role's keys.
            base = async () => fromWebToken({ roleArn: choice.roleArn, roleSessionName: choice.sessionName, webIdentityToken: await getIDToken(_credential_choice_js__WEBPACK_IMPORTED_MODULE_0__/* .AWS_OIDC_AUDIENCE */ .Hh) })();
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


/***/ }),

/***/ 6068:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createS3Store: () => (/* binding */ createS3Store)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./packages/clouds/aws/client-config.ts
var client_config = __webpack_require__(4791);
// EXTERNAL MODULE: ./packages/clouds/aws/credentials.ts
var aws_credentials = __webpack_require__(3238);
// EXTERNAL MODULE: ./packages/providers/backup-store/destination.ts
var backup_store_destination = __webpack_require__(7838);
// EXTERNAL MODULE: ./packages/providers/backup-store/metadata.ts
var backup_store_metadata = __webpack_require__(8153);
// EXTERNAL MODULE: ./packages/providers/backup-store/store-error.ts
var store_error = __webpack_require__(5020);
;// CONCATENATED MODULE: ./packages/providers/backup-store/s3/s3-store-mapping.ts

/** Pure mapping for the S3 store: temporary keys, copy plans, SDK shapes to StoredObject. */
/** Objects bigger than this cannot be copied with one CopyObject call (S3's limit). */
const SINGLE_COPY_LIMIT = 5 * 1024 ** 3;
const COPY_PART_BYTES = 512 * 1024 ** 2;
function temporaryKey(key, runTag) {
    return `${key}.partial-${runTag}`;
}
function isTemporaryKey(key) {
    return /\.partial-[0-9a-f]+$/.test(key);
}
/** Byte ranges (inclusive, as CopySourceRange wants) for a multipart server-side copy. */
function copyRanges(sizeBytes, partBytes = COPY_PART_BYTES) {
    const ranges = [];
    for (let start = 0; start < sizeBytes; start += partBytes)
        ranges.push(`bytes=${start}-${Math.min(sizeBytes, start + partBytes) - 1}`);
    return ranges;
}
/** CopySource is "bucket/key" with the key URL-encoded (slashes kept). */
function copySource(bucket, key) {
    return `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}
function s3ObjectToStored(item, metadata, uri) {
    const key = item.Key ?? '';
    const parsed = (0,backup_store_metadata/* metadataFromMap */.oU)(metadata);
    return {
        key,
        uri: uri(key),
        sizeBytes: item.Size ?? 0,
        ...(item.LastModified ? { lastModified: item.LastModified.toISOString() } : {}),
        ...(parsed ? { metadata: parsed } : {})
    };
}
function s3ErrorKind(error) {
    const e = error;
    const status = e?.$metadata?.httpStatusCode;
    if (e?.name === 'NoSuchBucket' || e?.name === 'NotFound' || e?.name === 'NoSuchKey' || status === 404)
        return 'not-found';
    if (e?.name === 'CredentialsProviderError' || e?.name === 'InvalidAccessKeyId' || e?.name === 'SignatureDoesNotMatch' || e?.name === 'AccessDenied' || status === 401 || status === 403)
        return 'auth';
    if (e?.code === 'ECONNREFUSED' || e?.code === 'ENOTFOUND' || e?.code === 'ETIMEDOUT' || e?.name === 'TimeoutError')
        return 'unreachable';
    return 'other';
}

;// CONCATENATED MODULE: ./packages/providers/backup-store/s3/s3-store.ts







/** HeadObject calls in flight while listing (well under the SDK's 50 sockets). */
const LIST_HEADS = 16;
/**
 * S3 and S3-compatible stores through @aws-sdk/client-s3 and @aws-sdk/lib-storage. The stream goes
 * up as a multipart upload under a temporary key (lib-storage aborts it on failure); once the
 * dump is known good, a server-side copy to the final key sets the metadata (digest included),
 * and the temporary object is deleted. Region, client settings and credentials (the inputs when
 * given, else GitHub OIDC or the SDK's default chain) come from packages/clouds/aws.
 */
async function createS3Store(destination, config) {
    const s3 = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(711)]).then(__webpack_require__.t.bind(__webpack_require__, 3711, 19));
    const { Upload } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(711), __webpack_require__.e(358)]).then(__webpack_require__.t.bind(__webpack_require__, 2358, 19));
    const auth = config.s3 ?? {};
    const { credentials } = await (0,aws_credentials/* awsCredentials */.c)({ accessKeyId: auth.accessKeyId, secretAccessKey: auth.secretAccessKey, sessionToken: auth.sessionToken });
    const client = new s3.S3Client({
        ...(0,client_config/* awsClientConfig */.r)({
            region: auth.region,
            fallbackRegion: 'us-east-1',
            credentials,
            // lib-storage sends the parts itself: our retry cannot wrap them one by one, so the SDK keeps
            // its default 3 attempts; no idle cut, as a restore may pause the download stream for long.
            sdkMaxAttempts: 3,
            attemptTimeoutMs: 0
        }),
        ...(auth.endpoint ? { endpoint: auth.endpoint, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } : {}),
        forcePathStyle: auth.forcePathStyle ?? Boolean(auth.endpoint)
    });
    const Bucket = destination.bucket;
    const uri = (key) => (0,backup_store_destination/* objectUri */.W)(destination, key);
    const partBytes = Math.max(5 * 1024 * 1024, config.partBytes ?? 8 * 1024 * 1024);
    const queueSize = config.concurrency ?? 4;
    async function finalCopy(from, to, size, metadata, signal) {
        if (size <= SINGLE_COPY_LIMIT) {
            await client.send(new s3.CopyObjectCommand({ Bucket, Key: to, CopySource: copySource(Bucket, from), MetadataDirective: 'REPLACE', Metadata: metadata, ContentType: 'application/octet-stream' }), { abortSignal: signal });
            return;
        }
        const created = await client.send(new s3.CreateMultipartUploadCommand({ Bucket, Key: to, Metadata: metadata, ContentType: 'application/octet-stream' }), { abortSignal: signal });
        const UploadId = created.UploadId;
        try {
            const parts = [];
            for (const [index, range] of copyRanges(size).entries()) {
                const part = await client.send(new s3.UploadPartCopyCommand({ Bucket, Key: to, UploadId, PartNumber: index + 1, CopySource: copySource(Bucket, from), CopySourceRange: range }), {
                    abortSignal: signal
                });
                parts.push({ PartNumber: index + 1, ETag: part.CopyPartResult?.ETag });
            }
            await client.send(new s3.CompleteMultipartUploadCommand({ Bucket, Key: to, UploadId, MultipartUpload: { Parts: parts } }), { abortSignal: signal });
        }
        catch (error) {
            await client.send(new s3.AbortMultipartUploadCommand({ Bucket, Key: to, UploadId })).catch(() => undefined);
            throw error;
        }
    }
    return {
        kind: 's3',
        uri,
        async check(prefix) {
            try {
                await client.send(new s3.ListObjectsV2Command({ Bucket, Prefix: prefix === '' ? undefined : `${prefix}/`, MaxKeys: 1 }));
            }
            catch (error) {
                const reason = s3ErrorKind(error);
                const detail = reason === 'not-found'
                    ? `bucket "${Bucket}" does not exist`
                    : reason === 'auth'
                        ? `the credentials were refused or are missing (${error.name})`
                        : error.message;
                throw new store_error/* StoreCheckError */.i(reason, `S3: ${detail}`);
            }
        },
        async put(key, body, finalize, options = {}) {
            const temporary = temporaryKey(key, (0,external_node_crypto_.randomBytes)(6).toString('hex'));
            const upload = new Upload({
                client,
                params: { Bucket, Key: temporary, Body: body, ContentType: 'application/octet-stream' },
                partSize: partBytes,
                queueSize,
                leavePartsOnError: false
            });
            const abort = () => void upload.abort().catch(() => undefined);
            options.signal?.addEventListener('abort', abort, { once: true });
            let uploaded = false;
            try {
                await upload.done();
                uploaded = true;
                const metadata = await finalize();
                await finalCopy(temporary, key, metadata.sizeBytes, (0,backup_store_metadata/* metadataToMap */.Nm)(metadata), options.signal);
                return { key, uri: uri(key), sizeBytes: metadata.sizeBytes, metadata };
            }
            finally {
                options.signal?.removeEventListener('abort', abort);
                if (uploaded)
                    await client.send(new s3.DeleteObjectCommand({ Bucket, Key: temporary })).catch(() => undefined);
            }
        },
        async list(prefix) {
            const out = [];
            let ContinuationToken;
            do {
                const page = await client.send(new s3.ListObjectsV2Command({ Bucket, Prefix: prefix === '' ? undefined : `${prefix}/`, ContinuationToken }));
                // ListObjectsV2 carries no user metadata: one HEAD per object, LIST_HEADS at a time.
                const items = (page.Contents ?? []).filter((item) => item.Key && !isTemporaryKey(item.Key));
                for (let start = 0; start < items.length; start += LIST_HEADS) {
                    const batch = items.slice(start, start + LIST_HEADS);
                    const heads = await Promise.all(batch.map((item) => client.send(new s3.HeadObjectCommand({ Bucket, Key: item.Key }))));
                    batch.forEach((item, index) => out.push(s3ObjectToStored(item, heads[index].Metadata, uri)));
                }
                ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
            } while (ContinuationToken);
            return out;
        },
        async get(key, signal) {
            const response = await client.send(new s3.GetObjectCommand({ Bucket, Key: key }), { abortSignal: signal });
            if (!response.Body)
                throw new Error(`object ${key} has no body`);
            return response.Body;
        },
        async head(key) {
            try {
                const head = await client.send(new s3.HeadObjectCommand({ Bucket, Key: key }));
                return s3ObjectToStored({ Key: key, Size: head.ContentLength, LastModified: head.LastModified }, head.Metadata, uri);
            }
            catch (error) {
                if (s3ErrorKind(error) === 'not-found')
                    return undefined;
                throw error;
            }
        },
        async delete(key) {
            await client.send(new s3.DeleteObjectCommand({ Bucket, Key: key }));
        }
    };
}


/***/ })

};

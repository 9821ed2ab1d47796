export const id = 115;
export const ids = [115];
export const modules = {

/***/ 2115:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createFileStore: () => (/* binding */ createFileStore)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./packages/core/atomic-write.ts



/** Writes a file so that readers see either the old content or the whole new one. */
async function writeFileAtomic(path, content) {
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(path), { recursive: true });
    const temporary = `${path}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`;
    await (0,promises_.writeFile)(temporary, content);
    await (0,promises_.rename)(temporary, path);
}

// EXTERNAL MODULE: ./packages/providers/backup-store/destination.ts
var backup_store_destination = __webpack_require__(7838);
// EXTERNAL MODULE: ./packages/providers/backup-store/store-error.ts
var store_error = __webpack_require__(5020);
// EXTERNAL MODULE: ./packages/providers/backup-store/metadata.ts
var backup_store_metadata = __webpack_require__(8153);
;// CONCATENATED MODULE: ./packages/providers/backup-store/local/file-store-mapping.ts

/**
 * The local store's files. Pure. A backup `<key>` is the data file `<key>` plus the sidecar
 * `<key>.json` that holds its metadata; `<key>.partial` is an upload in progress (or one that
 * died) and is never a backup.
 */
const SIDECAR_SUFFIX = '.json';
const PARTIAL_SUFFIX = '.partial';
function sidecarPath(dataPath) {
    return `${dataPath}${SIDECAR_SUFFIX}`;
}
function partialPath(dataPath) {
    return `${dataPath}${PARTIAL_SUFFIX}`;
}
/** Whether a file name in a backup directory may be a backup's data file. */
function isDataFile(name) {
    return !name.endsWith(SIDECAR_SUFFIX) && !name.endsWith(PARTIAL_SUFFIX) && !/\.tmp$/.test(name);
}
function sidecarContent(metadata) {
    return `${JSON.stringify((0,backup_store_metadata/* metadataToMap */.Nm)(metadata), null, 2)}\n`;
}
function parseSidecar(content) {
    try {
        const parsed = JSON.parse(content);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
            return undefined;
        const map = {};
        for (const [key, value] of Object.entries(parsed))
            if (typeof value === 'string')
                map[key] = value;
        return (0,backup_store_metadata/* metadataFromMap */.oU)(map);
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./packages/providers/backup-store/local/file-store.ts








/**
 * A directory on this machine (or a mounted volume). Data goes to `<file>.partial` and is fsynced;
 * the sidecar `<file>.json` is written atomically; then the rename of the data file commits the
 * backup. A listing only reports data files that have a readable sidecar.
 */
function createFileStore(destination) {
    const root = destination.directory;
    const pathOf = (key) => (0,external_node_path_.join)(root, ...key.split('/'));
    const uri = (key) => (0,backup_store_destination/* objectUri */.W)(destination, key);
    async function describe(key) {
        const path = pathOf(key);
        let size;
        let modified;
        try {
            const info = await (0,promises_.stat)(path);
            if (!info.isFile())
                return undefined;
            size = info.size;
            modified = info.mtime;
        }
        catch {
            return undefined;
        }
        const metadata = await (0,promises_.readFile)(sidecarPath(path), 'utf8').then(parseSidecar, () => undefined);
        return { key, uri: uri(key), sizeBytes: size, lastModified: modified.toISOString(), ...(metadata ? { metadata } : {}) };
    }
    return {
        kind: 'local',
        uri,
        async check() {
            try {
                await (0,promises_.mkdir)(root, { recursive: true });
                const info = await (0,promises_.stat)(root);
                if (!info.isDirectory())
                    throw new Error('not a directory');
            }
            catch (error) {
                throw new store_error/* StoreCheckError */.i('other', `local directory ${root} cannot be used: ${error.message}`);
            }
        },
        async put(key, body, finalize, options = {}) {
            const path = pathOf(key);
            const partial = partialPath(path);
            await (0,promises_.mkdir)((0,external_node_path_.dirname)(path), { recursive: true });
            try {
                await (0,external_node_stream_promises_.pipeline)(body, (0,external_node_fs_.createWriteStream)(partial, { flags: 'w', mode: 0o600 }), { signal: options.signal });
                const handle = await (0,promises_.open)(partial, 'r');
                try {
                    await handle.sync();
                }
                finally {
                    await handle.close();
                }
                const metadata = await finalize();
                const size = (await (0,promises_.stat)(partial)).size;
                if (size !== metadata.sizeBytes)
                    throw new Error(`wrote ${size} bytes but the backup has ${metadata.sizeBytes}`);
                await writeFileAtomic(sidecarPath(path), sidecarContent(metadata));
                await (0,promises_.rename)(partial, path);
                return { key, uri: uri(key), sizeBytes: size, metadata };
            }
            catch (error) {
                await (0,promises_.rm)(partial, { force: true });
                throw error;
            }
        },
        async list(prefix) {
            const dir = prefix === '' ? root : pathOf(prefix);
            const files = [];
            const walk = async (at) => {
                let entries;
                try {
                    entries = await (0,promises_.readdir)(at, { withFileTypes: true });
                }
                catch {
                    return;
                }
                for (const entry of entries) {
                    const full = (0,external_node_path_.join)(at, entry.name);
                    if (entry.isDirectory())
                        await walk(full);
                    else if (entry.isFile() && isDataFile(entry.name))
                        files.push((0,external_node_path_.relative)(root, full).split(external_node_path_.sep).join('/'));
                }
            };
            await walk(dir);
            const out = [];
            for (const key of files.sort()) {
                const described = await describe(key);
                if (described)
                    out.push(described);
            }
            return out;
        },
        async get(key) {
            const path = pathOf(key);
            await (0,promises_.stat)(path);
            return (0,external_node_fs_.createReadStream)(path);
        },
        head: describe,
        async delete(key) {
            const path = pathOf(key);
            await (0,promises_.rm)(path, { force: true });
            await (0,promises_.rm)(sidecarPath(path), { force: true });
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

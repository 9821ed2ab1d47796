export const id = 268;
export const ids = [268];
export const modules = {

/***/ 9268:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createHostProvider: () => (/* binding */ createHostProvider)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./packages/core/abort-reason.ts
var abort_reason = __webpack_require__(9979);
// EXTERNAL MODULE: ./packages/providers/traffic/types.ts
var types = __webpack_require__(6996);
;// CONCATENATED MODULE: ./packages/providers/traffic/host/shell.ts
/** POSIX shell quoting for command lines run on the server (pure). */
const SAFE = /^[A-Za-z0-9_./:=@%+,-]+$/;
function shellQuote(word) {
    if (word !== '' && SAFE.test(word))
        return word;
    return `'${word.replace(/'/g, `'\\''`)}'`;
}
function commandLine(words) {
    return words.map(shellQuote).join(' ');
}
/** `export KEY='value'` lines for a file sourced by sh; keys must be valid variable names. */
function shellEnvFile(env) {
    return Object.entries(env)
        .map(([key, value]) => `export ${key}=${shellQuote(value)}\n`)
        .join('');
}
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

;// CONCATENATED MODULE: ./packages/providers/traffic/host/docker-mapping.ts

function containerName(config, color) {
    return `${config.appName}-${color}`;
}
function docker(config, words) {
    return commandLine([...(config.sudo ? ['sudo', '-n'] : []), 'docker', ...words]);
}
/** The release's environment in docker's env-file form; docker cannot carry a line break in a value. */
function dockerEnvFile(env) {
    return Object.entries(env)
        .map(([key, value]) => {
        if (!ENV_NAME.test(key))
            throw new Error(`environment variable name "${key}" cannot go in a docker env file`);
        if (/[\r\n]/.test(value))
            throw new Error(`environment variable ${key} has a line break, which a docker env file cannot carry`);
        return `${key}=${value}\n`;
    })
        .join('');
}
function runCommand(config, color, release, releaseEnvFile) {
    const words = ['run', '--detach', '--name', containerName(config, color), '--restart', 'unless-stopped'];
    words.push('--publish', `127.0.0.1:${config.ports[color]}:${config.docker.containerPort}`);
    words.push('--env', `PORT=${config.docker.containerPort}`, '--env', `COLOR=${color}`, '--env', `APP_VERSION=${release.version}`);
    if (config.docker.envFile)
        words.push('--env-file', config.docker.envFile);
    if (releaseEnvFile)
        words.push('--env-file', releaseEnvFile);
    for (const volume of config.docker.volumes)
        words.push('--volume', volume);
    words.push('--label', `deploy-actions.app=${config.appName}`, '--label', `deploy-actions.color=${color}`, '--label', `deploy-actions.version=${release.version}`);
    if (config.docker.healthCmd) {
        words.push('--health-cmd', config.docker.healthCmd, '--health-interval', '2s', '--health-timeout', '2s', '--health-retries', '3', '--health-start-period', '5s');
    }
    words.push(release.image ?? '');
    return docker(config, words);
}
/** Removes the color's container if there is one (a failed earlier attempt, or the version before last). */
function removeCommand(config, color) {
    return `${docker(config, ['rm', '--force', containerName(config, color)])} > /dev/null 2>&1; true`;
}
function inspectCommand(config, color) {
    return docker(config, ['inspect', '--format', '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}', containerName(config, color)]);
}
/** docker inspect's `<status> <health>` → what the provider waits on. */
function parseInspect(output, exitCode) {
    if (exitCode !== 0)
        return { state: 'exited', detail: 'no such container' };
    const [status, health] = output.trim().split(/\s+/);
    if (status !== 'running')
        return { state: 'exited', detail: `container ${status ?? 'gone'}` };
    if (health === 'starting')
        return { state: 'starting' };
    if (health === 'unhealthy')
        return { state: 'unhealthy', detail: 'docker health check failing' };
    return { state: 'running' };
}
/** Stops (keeps) the container, giving it the drain time to finish requests; kept so a later rollback can start it again. */
function stopContainerCommand(config, color) {
    return `${docker(config, ['stop', '--time', String(Math.max(1, Math.ceil(config.drainMs / 1000))), containerName(config, color)])} > /dev/null 2>&1; true`;
}
function startContainerCommand(config, color) {
    return docker(config, ['start', containerName(config, color)]);
}
function logsCommand(config, color) {
    return `${docker(config, ['logs', '--tail', '20', containerName(config, color)])} 2>&1; true`;
}

;// CONCATENATED MODULE: ./packages/providers/traffic/host/transport.ts
const DEFAULT_EXEC_TIMEOUT_MS = 120_000;
/** Thrown when a command the provider needs exits non-zero; names the step, never the env. */
class CommandFailed extends Error {
    step;
    result;
    constructor(step, result) {
        super(`${step} failed (exit ${result.code}): ${lastLines(result.stderr || result.stdout)}`);
        this.step = step;
        this.result = result;
        this.name = 'CommandFailed';
    }
}
function lastLines(text, count = 5) {
    const lines = text
        .trim()
        .split('\n')
        .filter((line) => line.trim() !== '');
    return lines.length === 0 ? '(no output)' : lines.slice(-count).join(' | ');
}
/** Runs a command and throws CommandFailed naming `step` unless it exits 0. */
async function mustExec(transport, step, command, options) {
    const result = await transport.exec(command, options);
    if (result.code !== 0)
        throw new CommandFailed(step, result);
    return result;
}

;// CONCATENATED MODULE: ./packages/providers/traffic/host/docker-runtime.ts



/** `runtime: docker`: one container per color, the image run on the idle color's port. */
class DockerRuntime {
    transport;
    config;
    runDir;
    constructor(transport, config, runDir) {
        this.transport = transport;
        this.config = config;
        this.runDir = runDir;
    }
    check(release) {
        if (!release.image?.trim())
            throw new Error('runtime docker needs an image to run the release');
        if (release.env)
            dockerEnvFile(release.env);
    }
    async start(color, release, signal) {
        this.check(release);
        let envFile;
        if (release.env && Object.keys(release.env).length > 0) {
            envFile = external_node_path_.posix.join(this.runDir, `${color}.env`);
            await this.transport.writeFileAtomic(envFile, dockerEnvFile(release.env), { secret: true, signal });
        }
        await mustExec(this.transport, `removing the old ${color} container`, removeCommand(this.config, color), { signal });
        await mustExec(this.transport, `docker run for ${color}`, runCommand(this.config, color, release, envFile), { signal, timeoutMs: 600_000 });
    }
    async restart(color, _record, signal) {
        await mustExec(this.transport, `starting the ${color} container again`, startContainerCommand(this.config, color), { signal });
    }
    async probe(color, signal) {
        const result = await this.transport.exec(inspectCommand(this.config, color), { signal });
        return parseInspect(result.stdout, result.code);
    }
    stopCommand(color) {
        return stopContainerCommand(this.config, color);
    }
    async logs(color, signal) {
        return (await this.transport.exec(logsCommand(this.config, color), { signal })).stdout;
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:path/posix"
var posix_ = __webpack_require__(53916);
;// CONCATENATED MODULE: ./packages/providers/traffic/host/lock.ts




function acquireCommand(lockDir, holder) {
    const dir = shellQuote(lockDir);
    return `mkdir -p -- ${shellQuote((0,posix_.dirname)(lockDir))} && if mkdir -- ${dir} 2>/dev/null; then printf '%s\\n' ${shellQuote(JSON.stringify(holder))} > ${dir}/owner && echo ACQUIRED; else cat -- ${dir}/owner 2>/dev/null; echo; echo HELD; fi`;
}
function releaseCommand(lockDir, token) {
    const dir = shellQuote(lockDir);
    return `if grep -qF -- ${shellQuote(`"token":"${token}"`)} ${dir}/owner 2>/dev/null; then rm -rf -- ${dir}; fi`;
}
/** The holder described by the owner file's text; a lock just being created may have none yet. */
function describeHolder(text) {
    try {
        const holder = JSON.parse(text.trim());
        return `"${holder.owner}" since ${holder.at}`;
    }
    catch {
        return 'an unknown holder (no owner file yet)';
    }
}
async function acquireLock(transport, lockDir, owner, timeoutMs, options) {
    const now = options.now ?? Date.now;
    const holder = { owner, at: new Date(now()).toISOString(), token: (0,external_node_crypto_.randomBytes)(8).toString('hex') };
    const started = now();
    let lastReport = started;
    for (;;) {
        const result = await mustExec(transport, `taking the deploy lock ${lockDir}`, acquireCommand(lockDir, holder), { signal: options.signal });
        if (result.stdout.trim().endsWith('ACQUIRED'))
            break;
        const held = describeHolder(result.stdout.replace(/HELD\s*$/, ''));
        const waited = now() - started;
        if (waited >= timeoutMs) {
            throw new Error(`Another deploy holds the lock on ${transport.description} (${lockDir}): ${held}; gave up after ${Math.round(waited / 1000)} s (lock-timeout). If no deploy is running, remove ${lockDir} on the server.`);
        }
        if (now() - lastReport >= 10_000 || waited === 0) {
            options.logger.info(`Waiting for the deploy lock on ${transport.description}, held by ${held} (${Math.round(waited / 1000)} s of ${Math.round(timeoutMs / 1000)} s)`);
            lastReport = now();
        }
        await options.sleep(Math.min(1000, Math.max(50, timeoutMs - waited)), options.signal);
    }
    let released = false;
    return {
        async release() {
            if (released)
                return;
            released = true;
            await transport.exec(releaseCommand(lockDir, holder.token));
        }
    };
}

;// CONCATENATED MODULE: ./packages/providers/traffic/host/nginx-mapping.ts

/**
 * What the host provider writes for nginx and reads back from it (pure).
 *
 * The server's nginx configuration includes our upstream file inside the app's upstream block,
 * and (for the `nginx-log` analysis) logs in the format below:
 *
 *   log_format deploy_actions 'da1 $msec $status $request_time $upstream_addr';
 *   upstream app { include /etc/nginx/conf.d/app.upstream; keepalive 16; }
 *   server { access_log /var/log/nginx/app.access deploy_actions; location / { proxy_pass http://app; } }
 */
const ACCESS_LOG_FORMAT_NAME = 'deploy_actions';
const ACCESS_LOG_FORMAT = (/* unused pure expression or super */ null && (`log_format ${ACCESS_LOG_FORMAT_NAME} 'da1 $msec $status $request_time $upstream_addr';`));
/**
 * The `server` lines for the weights: a color with 0% is left out (nginx has no weight 0), so a
 * one-color file has one line. Weights are percentages, which nginx takes as relative weights.
 */
function upstreamConfig(ports, weights) {
    const colors = ['blue', 'green'].filter((color) => weights[color] > 0);
    if (colors.length === 0)
        throw new Error('at least one color needs traffic');
    const lines = colors.map((color) => (colors.length === 1 ? `server 127.0.0.1:${ports[color]};  # ${color}` : `server 127.0.0.1:${ports[color]} weight=${weights[color]};  # ${color}`));
    const summary = colors.map((color) => `${color} ${weights[color]}%`).join(', ');
    return `# Written by deploy-actions blue-green-swap: ${summary}. Do not edit; the next deploy overwrites it.\n${lines.join('\n')}\n`;
}
/** Reads weights back from a file upstreamConfig wrote (undefined when it is not ours). */
function weightsFromUpstream(ports, text) {
    const weights = { blue: 0, green: 0 };
    let found = 0;
    for (const match of text.matchAll(/^\s*server\s+127\.0\.0\.1:(\d+)(?:\s+weight=(\d+))?\s*;/gm)) {
        const port = Number(match[1]);
        const color = ['blue', 'green'].find((c) => ports[c] === port);
        if (!color)
            return undefined;
        weights[color] = match[2] === undefined ? 100 : Number(match[2]);
        found++;
    }
    return found === 0 ? undefined : weights;
}
function nginxWords(options) {
    return [...(options.sudo ? ['sudo', '-n'] : []), 'nginx', ...(options.prefix ? ['-p', options.prefix] : []), ...(options.conf ? ['-c', options.conf] : [])];
}
function nginxTestCommand(options) {
    return commandLine([...nginxWords(options), '-t', '-q']);
}
function nginxReloadCommand(options) {
    return commandLine([...nginxWords(options), '-s', 'reload']);
}
/** Exit code of reloadAndWaitCommand when nginx kept its old workers (it refused the configuration). */
const RELOAD_NOT_TAKEN = 4;
/**
 * `nginx -s reload` only sends a signal. This reloads, then waits until every worker that served
 * before is gone or "shutting down" (nginx starts the new workers first, then tells the old ones to
 * stop accepting), so when it returns only the new configuration takes new connections. Without a
 * readable pid file it cannot watch and returns after the signal.
 */
function reloadAndWaitCommand(options, timeoutMs = 5000) {
    const reload = nginxReloadCommand(options);
    if (!options.pidFile)
        return reload;
    const ticks = Math.ceil(timeoutMs / 20);
    return [
        `m=$(cat -- ${commandLine([options.pidFile])} 2>/dev/null); old=''`,
        `for w in $( [ -n "$m" ] && cat /proc/$m/task/$m/children 2>/dev/null ); do tr '\\0' ' ' < /proc/$w/cmdline 2>/dev/null | grep -q 'worker process *$' && old="$old $w"; done`,
        // nginx -s prints a notice on success; only a failure's output is worth passing on.
        `out=$(${reload} 2>&1) || { rc=$?; echo "$out" >&2; exit $rc; }`,
        `[ -z "$old" ] && exit 0`,
        `i=0; while [ $i -lt ${ticks} ]; do busy=0; for w in $old; do tr '\\0' ' ' < /proc/$w/cmdline 2>/dev/null | grep -q 'shutting down' || { [ -e /proc/$w ] && busy=1; }; done; [ $busy = 0 ] && exit 0; sleep 0.02; i=$((i+1)); done`,
        `echo "nginx kept its old workers for ${Math.round(timeoutMs / 1000)} s after the reload signal: it did not take the new configuration (see its error log)" >&2; exit ${RELOAD_NOT_TAKEN}`
    ].join('\n');
}
/** Exit codes of switchCommand. */
const SWITCH_TEST_FAILED = 10;
const SWITCH_RELOAD_FAILED = 11;
/**
 * The whole switch in one round trip (over SSH each command costs a session): the new upstream
 * file arrives on stdin; the current one is kept as `<file>.last-good`; the new one is renamed into
 * place, `nginx -t`, then reload-and-wait. On a failed test or reload the last good file is put back.
 * Prints `mark <name> <ns>` lines (GNU date) so the caller can time each part.
 */
function switchCommand(file, options) {
    const q = commandLine;
    const mark = (name) => `echo "mark ${name} $(date +%s%N)"`;
    return [
        `f=${q([file])}; new="$f.new.$$"; good="$f.last-good"`,
        mark('start'),
        `mkdir -p -- "$(dirname -- "$f")" && cat > "$new" || { rm -f -- "$new"; exit 1; }`,
        `had=0; if [ -e "$f" ]; then cp -p -- "$f" "$good" || { rm -f -- "$new"; exit 1; }; had=1; fi`,
        `restore() { if [ $had = 1 ]; then cp -p -- "$good" "$new" && mv -f -- "$new" "$f"; else rm -f -- "$f"; fi; }`,
        `mv -f -- "$new" "$f" || exit 1`,
        mark('written'),
        `if ! ${nginxTestCommand(options)}; then restore; exit ${SWITCH_TEST_FAILED}; fi`,
        mark('tested'),
        `( ${reloadAndWaitCommand(options).split('\n').join('\n  ')}
) || { rc=$?; restore; echo "reload failed (exit $rc)" >&2; exit ${SWITCH_RELOAD_FAILED}; }`,
        mark('reloaded')
    ].join('\n');
}
/** `mark <name> <ns>` lines → milliseconds between them (undefined where date has no %N). */
function switchTimings(stdout) {
    const marks = new Map();
    for (const match of stdout.matchAll(/^mark (\w+) (\d+)$/gm))
        marks.set(match[1], Number(match[2]) / 1e6);
    const at = (name) => marks.get(name) ?? NaN;
    const timings = { writeMs: at('written') - at('start'), testMs: at('tested') - at('written'), reloadMs: at('reloaded') - at('tested') };
    return Object.values(timings).every(Number.isFinite) ? timings : undefined;
}
/** One access log line in the documented format, or undefined for any other line. */
function parseAccessLogLine(line, ports) {
    const match = /^da1 (\d+(?:\.\d+)?) (\d{3}) (\d+(?:\.\d+)?) (.+)$/.exec(line.trim());
    if (!match)
        return undefined;
    // After a retry to the next upstream, $upstream_addr lists every server tried: the last one answered.
    const port = Number(/:(\d+)\s*$/.exec(match[4])?.[1] ?? NaN);
    const color = ['blue', 'green'].find((c) => ports[c] === port);
    return { time: Math.round(Number(match[1]) * 1000), color, status: Number(match[2]), durationMs: Math.round(Number(match[3]) * 1000) };
}
function parseAccessLog(text, ports, sinceMs) {
    return text
        .split('\n')
        .map((line) => parseAccessLogLine(line, ports))
        .filter((entry) => entry !== undefined && entry.time >= sinceMs);
}
/** Server-side filter so only the window crosses the wire: lines with $msec at or after `sinceMs`. */
function accessLogSinceCommand(path, sinceMs) {
    return `awk -v since=${(sinceMs / 1000).toFixed(3)} '$1 == "da1" && $2 >= since' ${commandLine([path])}`;
}

;// CONCATENATED MODULE: ./packages/providers/traffic/host/flag-mapping.ts

/**
 * `nginx-switch: flag-files` — a switch without any nginx reload, so no idle keep-alive connection
 * is ever closed under a client (the reload race). nginx is configured once (the snippet below)
 * to pick, per request, one of 100 buckets (split_clients on $request_id) and to send the
 * request to green when the file `<flag-dir>/current/<bucket>` exists. A switch to W% on green
 * prepares `<flag-dir>/w-W/` holding W bucket files and renames the `current` symlink onto it:
 * one atomic rename, seen by the very next request. Pure.
 */
function bucketName(index) {
    return String(index).padStart(2, '0');
}
/** The nginx configuration a server needs once for flag-file switching (documented in the README). */
function flagSnippet(options) {
    const buckets = Array.from({ length: 100 }, (_, i) => (i < 99 ? `    1% ${bucketName(i)};` : `    * ${bucketName(i)};`)).join('\n');
    const keepalive = options.keepalive ? ` keepalive ${options.keepalive};` : '';
    return {
        http: [
            'split_clients "${request_id}" $da_bucket {',
            buckets,
            '}',
            `upstream app_blue { server 127.0.0.1:${options.ports.blue};${keepalive} }`,
            `upstream app_green { server 127.0.0.1:${options.ports.green};${keepalive} }`
        ].join('\n'),
        location: [`set $da_upstream app_blue;`, `if (-f ${options.flagDir}/current/$da_bucket) { set $da_upstream app_green; }`, 'proxy_pass http://$da_upstream;'].join('\n')
    };
}
/** Prepares the weight's folder (once) and points `current` at it with one rename. Prints `mark` lines like switchCommand. */
function flagSwitchCommand(flagDir, greenPercent) {
    const weight = Math.round(greenPercent);
    if (weight < 0 || weight > 100)
        throw new Error(`weight ${greenPercent} is not a percentage`);
    const q = (path) => commandLine([path]);
    const folder = `${flagDir}/w-${weight}`;
    const files = Array.from({ length: weight }, (_, i) => bucketName(i)).join(' ');
    const mark = (name) => `echo "mark ${name} $(date +%s%N)"`;
    return [
        mark('start'),
        `if [ ! -e ${q(`${folder}/.complete`)} ]; then mkdir -p -- ${q(folder)} && ( cd -- ${q(folder)} && ${files ? `touch -- ${files} && ` : ''}touch .complete ) || exit 1; fi`,
        mark('written'),
        mark('tested'),
        `ln -sfn -- ${q(`w-${weight}`)} ${q(`${flagDir}/current.$$`)} && mv -fT -- ${q(`${flagDir}/current.$$`)} ${q(`${flagDir}/current`)} || { rm -f -- ${q(`${flagDir}/current.$$`)}; exit 1; }`,
        mark('reloaded')
    ].join('\n');
}
function flagReadCommand(flagDir) {
    return `readlink -- ${commandLine([`${flagDir}/current`])} 2>/dev/null || true`;
}
/** `readlink current` → weights; undefined before the first switch. */
function weightsFromFlag(target) {
    const match = /^w-(\d{1,3})$/.exec(target.trim());
    if (!match || Number(match[1]) > 100)
        return undefined;
    const green = Number(match[1]);
    return { blue: 100 - green, green };
}

;// CONCATENATED MODULE: ./packages/providers/traffic/host/nginx-router.ts



function createRouter(transport, config, logger) {
    return config.nginx.switch === 'flag-files' ? new FlagRouter(transport, config.nginx.flagDir ?? '', logger) : new NginxRouter(transport, config, logger);
}
/**
 * Switches nginx's upstream in one round trip: write the include, `nginx -t`, reload and wait
 * until the old workers stop accepting. Never leaves a file that fails `nginx -t`: on a failed
 * test or reload the last good file is put back (switchCommand). A reload is graceful: old
 * workers finish their in-flight requests before they exit.
 */
class NginxRouter {
    transport;
    config;
    logger;
    lastTimings;
    /** What this run last applied: the file is ours while the deploy lock is held. */
    applied;
    constructor(transport, config, logger) {
        this.transport = transport;
        this.config = config;
        this.logger = logger;
    }
    // Not tied to the run's signal: a switch script cut off half-way could skip its restore.
    async apply(weights, _signal) {
        const file = this.config.nginx.upstreamFile ?? '';
        const started = performance.now();
        const result = await this.transport.exec(switchCommand(file, { ...this.config.nginx, sudo: this.config.sudo }), { stdin: upstreamConfig(this.config.ports, weights), timeoutMs: 30_000 });
        if (result.code === SWITCH_TEST_FAILED)
            throw new CommandFailed(`nginx -t with the new upstream file ${file} (the last good file is back in place)`, result);
        if (result.code === SWITCH_RELOAD_FAILED)
            throw new CommandFailed('nginx reload (the last good upstream file is back in place; nginx keeps serving its previous configuration)', result);
        if (result.code !== 0)
            throw new CommandFailed(`writing the upstream file ${file}`, result);
        this.lastTimings = { totalMs: performance.now() - started, ...switchTimings(result.stdout) };
        this.applied = { ...weights };
        this.logger.debug(`nginx switch: ${JSON.stringify(this.lastTimings)}`);
        return this.lastTimings;
    }
    forget() {
        this.applied = undefined;
    }
    async current(signal) {
        if (this.applied)
            return { ...this.applied };
        const text = await this.transport.readFile(this.config.nginx.upstreamFile ?? '', signal);
        return text === undefined ? undefined : weightsFromUpstream(this.config.ports, text);
    }
}
/** `nginx-switch: flag-files`: one symlink rename, no reload (flag-mapping.ts). */
class FlagRouter {
    transport;
    flagDir;
    logger;
    lastTimings;
    applied;
    constructor(transport, flagDir, logger) {
        this.transport = transport;
        this.flagDir = flagDir;
        this.logger = logger;
    }
    async apply(weights, _signal) {
        const started = performance.now();
        const result = await this.transport.exec(flagSwitchCommand(this.flagDir, weights.green), { timeoutMs: 30_000 });
        if (result.code !== 0)
            throw new CommandFailed(`switching the flag files in ${this.flagDir}`, result);
        this.lastTimings = { totalMs: performance.now() - started, ...switchTimings(result.stdout) };
        this.applied = { ...weights };
        this.logger.debug(`nginx flag switch: ${JSON.stringify(this.lastTimings)}`);
        return this.lastTimings;
    }
    forget() {
        this.applied = undefined;
    }
    async current(signal) {
        if (this.applied)
            return { ...this.applied };
        return weightsFromFlag((await this.transport.exec(flagReadCommand(this.flagDir), { signal })).stdout);
    }
}

;// CONCATENATED MODULE: ./packages/providers/traffic/host/process-mapping.ts


function processPaths(runDir, color) {
    return { launcher: external_node_path_.posix.join(runDir, `${color}.run.sh`), pidFile: external_node_path_.posix.join(runDir, `${color}.pid`), logFile: external_node_path_.posix.join(runDir, `${color}.log`) };
}
function launcherScript(options) {
    const bad = Object.keys(options.env).find((key) => !ENV_NAME.test(key));
    if (bad !== undefined)
        throw new Error(`environment variable name "${bad}" is not a shell variable name`);
    return ([
        '# Written by deploy-actions blue-green-swap (process runtime).',
        shellEnvFile(options.env).trimEnd(),
        shellEnvFile({ PORT: String(options.port), COLOR: options.color, APP_VERSION: options.version }).trimEnd(),
        options.workdir ? `cd ${shellQuote(options.workdir)} || exit 1` : '',
        `exec sh -c ${shellQuote(options.command)}`
    ]
        .filter((line) => line !== '')
        .join('\n') + '\n');
}
/** Starts the launcher detached (own session, no terminal, output to the log) and records its pid. */
function startCommand(paths) {
    return `nohup setsid sh ${shellQuote(paths.launcher)} > ${shellQuote(paths.logFile)} 2>&1 < /dev/null & echo $! > ${shellQuote(paths.pidFile)}`;
}
/** Prints `running` or `exited`; a zombie (exited, not yet reaped) counts as exited. */
function probeCommand(paths) {
    return `pid=$(cat -- ${shellQuote(paths.pidFile)} 2>/dev/null) && kill -0 "$pid" 2>/dev/null && ! grep -qs '^State:[[:space:]]*Z' "/proc/$pid/status" && echo running || echo exited`;
}
/** TERM to the process group, up to `graceSeconds` to exit, then KILL; succeeds when nothing runs. */
function stopCommand(paths, graceSeconds) {
    const pidFile = shellQuote(paths.pidFile);
    const ticks = Math.max(1, Math.round(graceSeconds * 10));
    return `if pid=$(cat -- ${pidFile} 2>/dev/null); then kill -TERM -"$pid" 2>/dev/null; i=0; while kill -0 -"$pid" 2>/dev/null && [ $i -lt ${ticks} ]; do sleep 0.1; i=$((i+1)); done; kill -KILL -"$pid" 2>/dev/null; rm -f -- ${pidFile}; fi; true`;
}
function process_mapping_logsCommand(paths, lines = 20) {
    return commandLine(['tail', '-n', String(lines), paths.logFile]) + ' 2>/dev/null || true';
}

;// CONCATENATED MODULE: ./packages/providers/traffic/host/process-runtime.ts


/** `runtime: process`: the release's command, started with PORT and COLOR set, for servers without Docker. */
class ProcessRuntime {
    transport;
    config;
    runDir;
    constructor(transport, config, runDir) {
        this.transport = transport;
        this.config = config;
        this.runDir = runDir;
    }
    check(release) {
        if (!release.command?.trim())
            throw new Error('runtime process needs a command to start the release');
    }
    async start(color, release, signal) {
        this.check(release);
        const paths = processPaths(this.runDir, color);
        await mustExec(this.transport, `stopping what ran on ${color}`, this.stopCommand(color), { signal });
        const script = launcherScript({
            command: release.command ?? '',
            color,
            port: this.config.ports[color],
            version: release.version,
            env: release.env ?? {},
            workdir: this.config.processWorkdir
        });
        await this.transport.writeFileAtomic(paths.launcher, script, { secret: true, signal });
        await mustExec(this.transport, `starting ${color}`, startCommand(paths), { signal });
    }
    async restart(color, _record, signal) {
        const paths = processPaths(this.runDir, color);
        if ((await this.transport.readFile(paths.launcher, signal)) === undefined)
            throw new Error(`${color} cannot be started again: its launcher ${paths.launcher} is gone`);
        await mustExec(this.transport, `starting ${color} again`, startCommand(paths), { signal });
    }
    async probe(color, signal) {
        const result = await mustExec(this.transport, `checking ${color}'s process`, probeCommand(processPaths(this.runDir, color)), { signal });
        return result.stdout.trim() === 'running' ? { state: 'running' } : { state: 'exited', detail: 'the process exited' };
    }
    stopCommand(color) {
        return stopCommand(processPaths(this.runDir, color), Math.min(30, Math.max(1, this.config.drainMs / 1000)));
    }
    async logs(color, signal) {
        return (await this.transport.exec(process_mapping_logsCommand(processPaths(this.runDir, color)), { signal })).stdout;
    }
}

;// CONCATENATED MODULE: ./packages/providers/traffic/host/state-mapping.ts

function initialState(now) {
    return { schema: 1, active: 'blue', weights: { blue: 100, green: 0 }, colors: {}, history: [], updatedAt: now };
}
function parseState(text, now, path) {
    if (text === undefined || text.trim() === '')
        return initialState(now);
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        throw new Error(`The state file ${path} on the server is not JSON; fix or remove it (a deploy never writes a partial file)`);
    }
    const state = value;
    const isColor = (c) => c === 'blue' || c === 'green';
    if (state?.schema !== 1 || !isColor(state.active) || typeof state.weights?.blue !== 'number' || typeof state.weights?.green !== 'number' || !Array.isArray(state.history)) {
        throw new Error(`The state file ${path} on the server is not a deploy-actions state (schema 1); fix or remove it`);
    }
    return { ...state, colors: state.colors ?? {} };
}
function serializeState(state) {
    return `${JSON.stringify(state, null, 2)}\n`;
}
function toStatus(state, nowMs = Date.now()) {
    const previous = state.colors[(0,types/* otherColor */.I)(state.active)];
    const kept = previous?.running === true && (previous.stopAt === undefined || Date.parse(previous.stopAt) > nowMs);
    return {
        active: state.active,
        activeVersion: state.colors[state.active]?.version,
        previousVersion: kept ? previous.version : undefined,
        weights: { ...state.weights },
        paused: state.paused,
        history: [...state.history]
    };
}
function withRecord(state, entry, limit) {
    return { ...state, history: [entry, ...state.history].slice(0, limit) };
}
function weightsFor(color, percent) {
    const rounded = Math.round(percent);
    return color === 'blue' ? { blue: rounded, green: 100 - rounded } : { green: rounded, blue: 100 - rounded };
}

;// CONCATENATED MODULE: ./packages/providers/traffic/host/state-store.ts

/**
 * Reads and atomically rewrites the state file on the server. Callers hold the deploy lock while
 * changing it, so after the first read this run's own writes are the truth: they are kept in
 * memory and a read costs no round trip (over SSH each one is a session).
 */
class StateStore {
    transport;
    path;
    now;
    cached;
    constructor(transport, path, now = () => new Date()) {
        this.transport = transport;
        this.path = path;
        this.now = now;
    }
    /** Forget what was read: the next read goes to the server (after taking the lock, someone else may have written). */
    forget() {
        this.cached = undefined;
    }
    async read(signal) {
        this.cached ??= parseState(await this.transport.readFile(this.path, signal), this.now().toISOString(), this.path);
        return this.cached;
    }
    async update(change, signal) {
        const next = { ...change(await this.read(signal)), updatedAt: this.now().toISOString() };
        try {
            await this.transport.writeFileAtomic(this.path, serializeState(next), { signal });
        }
        catch (error) {
            // The write may or may not have landed: read the file again next time.
            this.cached = undefined;
            throw error;
        }
        this.cached = next;
        return next;
    }
}

;// CONCATENATED MODULE: ./packages/providers/traffic/host/stop-schedule.ts

/**
 * Stopping a color later, on the server itself, so a job does not wait out keep-previous: a
 * detached `sleep; stop` whose pid is kept in a file so a rollback or the next deploy can cancel it (pure).
 */
function scheduleStopCommand(pidFile, delayMs, stop) {
    const seconds = Math.max(0, Math.ceil(delayMs / 1000));
    const body = `sleep ${seconds}; ${stop}; rm -f -- ${shellQuote(pidFile)}`;
    return `${cancelStopCommand(pidFile)}; nohup setsid sh -c ${shellQuote(body)} > /dev/null 2>&1 < /dev/null & echo $! > ${shellQuote(pidFile)}`;
}
function cancelStopCommand(pidFile) {
    const file = shellQuote(pidFile);
    return `if pid=$(cat -- ${file} 2>/dev/null); then kill -TERM -"$pid" 2>/dev/null; rm -f -- ${file}; fi; true`;
}

;// CONCATENATED MODULE: ./packages/providers/traffic/host/host-provider.ts













const defaultSleep = (ms, signal) => new Promise((resolve, reject) => {
    const onAbort = () => {
        clearTimeout(timer);
        reject((0,abort_reason/* abortReason */.J)(signal));
    };
    const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
});
/**
 * One server, the app behind nginx. Each color runs on its own loopback port (docker or a plain
 * process); nginx's upstream include decides who gets traffic; the state file beside the run
 * folder remembers versions, the paused deployment and the history.
 */
class HostTrafficProvider {
    transport;
    config;
    name = 'host';
    supportsWeights = true;
    router;
    readAccessLog;
    runtime;
    store;
    runDir;
    logger;
    sleep;
    constructor(transport, config, deps) {
        this.transport = transport;
        this.config = config;
        this.logger = deps.logger;
        this.sleep = deps.sleep ?? defaultSleep;
        this.runDir = external_node_path_.posix.dirname(config.statePath);
        this.store = new StateStore(transport, config.statePath, deps.now);
        this.router = createRouter(transport, config, deps.logger);
        this.runtime = config.runtime === 'docker' ? new DockerRuntime(transport, config, this.runDir) : new ProcessRuntime(transport, config, this.runDir);
        const accessLog = config.nginx.accessLog;
        if (accessLog) {
            this.readAccessLog = async (sinceMs, signal) => {
                const result = await mustExec(transport, `reading the access log ${accessLog}`, accessLogSinceCommand(accessLog, sinceMs), { signal });
                return parseAccessLog(result.stdout, config.ports, sinceMs);
            };
        }
    }
    publicUrl() {
        return this.config.publicUrl;
    }
    async status(signal) {
        const state = await this.store.read(signal);
        const status = toStatus(state);
        // What nginx is told (upstream file or flag link) wins over a state file that missed its last write.
        const weights = await this.router.current(signal);
        if (weights)
            status.weights = weights;
        return status;
    }
    async lock(owner, timeoutMs, signal) {
        const lock = await acquireLock(this.transport, `${this.config.statePath}.lock`, owner, timeoutMs, { logger: this.logger, signal, sleep: this.sleep });
        // Whatever was read before holding the lock may be stale now.
        this.store.forget();
        this.router.forget();
        return lock;
    }
    async prepare(release, signal) {
        this.runtime.check(release);
        const state = await this.store.read(signal);
        const color = (0,types/* otherColor */.I)(state.active);
        const weights = (await this.status(signal)).weights;
        if (weights[color] > 0)
            throw new Error(`${color} still serves ${weights[color]}% of traffic; it cannot be replaced (roll back or finish the paused deployment first)`);
        await mustExec(this.transport, `cancelling a scheduled stop of ${color}`, cancelStopCommand(this.stopPidFile(color)), { signal });
        await this.store.update((s) => ({ ...s, colors: { ...s.colors, [color]: { version: release.version, image: release.image, command: release.command, running: true, startedAt: new Date().toISOString() } } }), signal);
        this.logger.info(`Starting ${release.version} on ${color} (port ${this.config.ports[color]}, ${this.config.runtime} runtime on ${this.transport.description})`);
        try {
            // Whatever ran on the idle color goes first; then the port must be free, or a stray process
            // there would answer green's health checks in its place.
            await mustExec(this.transport, `stopping what ran on ${color}`, this.runtime.stopCommand(color), { signal });
            await this.assertPortFree(color, signal);
            await this.runtime.start(color, release, signal);
            await this.waitHealthy(color, signal);
        }
        catch (error) {
            // Blue was never touched; green is stopped so nothing half-started stays behind.
            const cleanup = signal.aborted ? AbortSignal.timeout(10_000) : signal;
            await this.transport.exec(this.runtime.stopCommand(color), { signal: cleanup }).catch(() => undefined);
            await this.store.update((s) => ({ ...s, colors: { ...s.colors, [color]: s.colors[color] && { ...s.colors[color], running: false } } }), cleanup).catch(() => undefined);
            throw error;
        }
        return { color, version: release.version, directUrl: `http://${await this.transport.reach(this.config.ports[color])}` };
    }
    async shift(color, percent, signal) {
        const weights = weightsFor(color, percent);
        const timings = await this.router.apply(weights, signal);
        this.logger.info(`nginx: ${color} ${weights[color]}%, ${(0,types/* otherColor */.I)(color)} ${weights[(0,types/* otherColor */.I)(color)]}% (${ms(timings.totalMs)}${timings.testMs !== undefined ? `: write ${ms(timings.writeMs ?? 0)}, nginx -t ${ms(timings.testMs)}, reload ${ms(timings.reloadMs ?? 0)}` : ''})`);
        await this.store.update((s) => ({ ...s, weights }), signal);
    }
    async promote(color, version, keepPreviousMs, signal) {
        const current = await this.status(signal);
        if (current.weights[color] !== 100)
            await this.shift(color, 100, signal);
        const previous = (0,types/* otherColor */.I)(color);
        const state = await this.store.read(signal);
        const stopAfterMs = Math.max(keepPreviousMs, this.config.drainMs);
        if (state.colors[previous]?.running) {
            await mustExec(this.transport, `scheduling the stop of ${previous}`, scheduleStopCommand(this.stopPidFile(previous), stopAfterMs, this.runtime.stopCommand(previous)), { signal });
            this.logger.info(`${previous} (${state.colors[previous]?.version}) keeps running for ${Math.round(stopAfterMs / 1000)} s, then stops`);
        }
        const stopAt = new Date(Date.now() + stopAfterMs).toISOString();
        await this.store.update((s) => ({
            ...s,
            active: color,
            weights: weightsFor(color, 100),
            paused: undefined,
            colors: {
                ...s.colors,
                [color]: { ...(s.colors[color] ?? { running: true, startedAt: new Date().toISOString() }), version },
                ...(s.colors[previous] ? { [previous]: { ...s.colors[previous], stopAt } } : {})
            }
        }), signal);
    }
    async rollback(to, reason, signal) {
        const failed = (0,types/* otherColor */.I)(to);
        const state = await this.store.read(signal);
        const target = state.colors[to];
        await mustExec(this.transport, `cancelling a scheduled stop of ${to}`, cancelStopCommand(this.stopPidFile(to)), { signal });
        if (target) {
            const probe = await this.runtime.probe(to, signal);
            if (probe.state === 'exited') {
                this.logger.info(`${to} (${target.version}) was stopped; starting it again`);
                await this.runtime.restart(to, target, signal);
                await this.waitHealthy(to, signal);
            }
            const weights = (await this.router.current(signal)) ?? state.weights;
            // The router first (the state is written once, below): a rollback is on the clock, e.g. after a cancellation.
            if (weights[to] !== 100) {
                const timings = await this.router.apply(weightsFor(to, 100), signal);
                this.logger.info(`nginx: ${to} 100% (${ms(timings.totalMs)})`);
            }
        }
        else {
            this.logger.warning(`Nothing was ever deployed on ${to}: nginx is left as it is`);
        }
        const failedRecord = state.colors[failed];
        if (failedRecord?.running) {
            await mustExec(this.transport, `scheduling the stop of ${failed}`, scheduleStopCommand(this.stopPidFile(failed), this.config.drainMs, this.runtime.stopCommand(failed)), { signal });
        }
        await this.store.update((s) => {
            const next = {
                ...s,
                active: to,
                weights: target ? weightsFor(to, 100) : s.weights,
                paused: undefined,
                colors: {
                    ...s.colors,
                    ...(s.colors[to] ? { [to]: { ...s.colors[to], running: true, stopAt: undefined } } : {}),
                    ...(s.colors[failed] ? { [failed]: { ...s.colors[failed], running: false } } : {})
                }
            };
            // A failed start is recorded too; a second rollback of the same version is not.
            const last = s.history[0];
            const already = last?.outcome === 'rolled-back' && last.version === failedRecord?.version && last.color === failed;
            return failedRecord && !already
                ? withRecord(next, { version: failedRecord.version, color: failed, at: new Date().toISOString(), outcome: 'rolled-back', reason }, this.config.historyLimit)
                : next;
        }, signal);
    }
    async savePaused(paused, signal) {
        await this.store.update((s) => ({ ...s, paused }), signal);
    }
    async record(entry, signal) {
        await this.store.update((s) => withRecord(s, entry, this.config.historyLimit), signal);
    }
    async close() {
        await this.transport.close();
    }
    stopPidFile(color) {
        return external_node_path_.posix.join(this.runDir, `${color}.stop.pid`);
    }
    async assertPortFree(color, signal) {
        const port = this.config.ports[color];
        // curl exits 7 when nothing accepts the connection; without curl the check is skipped.
        const probe = `command -v curl >/dev/null 2>&1 || exit 7; curl -s -o /dev/null --max-time 2 ${commandLine([`http://127.0.0.1:${port}/`])}; echo $?`;
        const result = await this.transport.exec(probe, { signal, timeoutMs: 10_000 });
        if (result.code === 0 && result.stdout.trim() !== '7') {
            throw new Error(`port ${port} (${color}) is already taken by a process this deploy did not start; stop it or choose another ${color}-port`);
        }
    }
    /** Until the color's health path answers 2xx on the server; an exited process or container fails at once with its last output. */
    async waitHealthy(color, signal) {
        const started = Date.now();
        const url = `http://127.0.0.1:${this.config.ports[color]}${this.config.healthPath}`;
        const check = `if command -v curl >/dev/null 2>&1; then ${commandLine(['curl', '-fsS', '-o', '/dev/null', '--max-time', '2', url])}; else ${commandLine(['wget', '-q', '-O', '/dev/null', '-T', '2', url])}; fi`;
        let lastReport = started;
        let last;
        for (;;) {
            const probe = await this.runtime.probe(color, signal);
            if (probe.state === 'exited') {
                throw new Error(`${color} exited while starting (${probe.detail ?? 'exited'}); last output: ${lastLines(await this.runtime.logs(color, signal))}`);
            }
            if (probe.state === 'running') {
                const result = await this.transport.exec(check, { signal, timeoutMs: 10_000 });
                if (result.code === 0) {
                    this.logger.info(`${color} is healthy (${url} after ${ms(Date.now() - started)})`);
                    return;
                }
                last = lastLines(result.stderr || `exit ${result.code}`, 1);
            }
            else {
                last = probe.detail ?? probe.state;
            }
            const waited = Date.now() - started;
            if (waited >= this.config.startTimeoutMs) {
                throw new CommandFailed(`${color} did not become healthy within ${Math.round(this.config.startTimeoutMs / 1000)} s (start-timeout) at ${url}`, {
                    code: 1,
                    stdout: '',
                    stderr: `${last}\n${await this.runtime.logs(color, signal)}`
                });
            }
            if (Date.now() - lastReport >= 5000) {
                this.logger.info(`Waiting for ${color} to be healthy at ${url} (${Math.round(waited / 1000)} s of ${Math.round(this.config.startTimeoutMs / 1000)} s): ${last}`);
                lastReport = Date.now();
            }
            await this.sleep(250, signal);
        }
    }
}
function ms(value) {
    return `${Math.round(value)} ms`;
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
;// CONCATENATED MODULE: ./packages/providers/traffic/host/local-transport.ts






/** The runner is the server: commands run in `sh -c`, files are written with Node. */
class LocalTransport {
    description = 'local';
    exec(command, options = {}) {
        return new Promise((resolve, reject) => {
            if (options.signal?.aborted)
                return reject((0,abort_reason/* abortReason */.J)(options.signal));
            const child = (0,external_node_child_process_.spawn)('sh', ['-c', command], { stdio: ['pipe', 'pipe', 'pipe'] });
            let stdout = '';
            let stderr = '';
            child.stdout.on('data', (chunk) => (stdout += chunk));
            child.stderr.on('data', (chunk) => (stderr += chunk));
            const timeoutMs = options.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS;
            const timer = setTimeout(() => {
                stderr += `\n(killed after ${timeoutMs} ms)`;
                child.kill('SIGKILL');
            }, timeoutMs);
            const onAbort = () => {
                child.kill('SIGKILL');
            };
            options.signal?.addEventListener('abort', onAbort, { once: true });
            child.on('error', (error) => {
                clearTimeout(timer);
                reject(error);
            });
            child.on('close', (code) => {
                clearTimeout(timer);
                options.signal?.removeEventListener('abort', onAbort);
                if (options.signal?.aborted)
                    return reject((0,abort_reason/* abortReason */.J)(options.signal));
                resolve({ code: code ?? 128, stdout, stderr });
            });
            child.stdin.on('error', () => { });
            child.stdin.end(options.stdin ?? '');
        });
    }
    async readFile(path) {
        try {
            return await (0,promises_.readFile)(path, 'utf8');
        }
        catch (error) {
            if (error.code === 'ENOENT')
                return undefined;
            throw error;
        }
    }
    async writeFileAtomic(path, content, options = {}) {
        await (0,promises_.mkdir)((0,external_node_path_.dirname)(path), { recursive: true });
        const temporary = `${path}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`;
        try {
            // Created with its final mode: a secret is never readable by others, even for an instant.
            await (0,promises_.writeFile)(temporary, content, { mode: options.secret ? 0o600 : 0o644 });
            await (0,promises_.rename)(temporary, path);
        }
        catch (error) {
            await (0,promises_.rm)(temporary, { force: true });
            throw error;
        }
    }
    reach(port) {
        return Promise.resolve(`127.0.0.1:${port}`);
    }
    async close() { }
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
// EXTERNAL MODULE: ./node_modules/ssh2/lib/index.js
var lib = __webpack_require__(85472);
var lib_default = /*#__PURE__*/__webpack_require__.n(lib);
// EXTERNAL MODULE: ./packages/core/input-error.ts
var input_error = __webpack_require__(2683);
// EXTERNAL MODULE: ./packages/core/retry.ts
var retry = __webpack_require__(14066);
// EXTERNAL MODULE: ./packages/providers/traffic/host/known-hosts.ts
var known_hosts = __webpack_require__(53597);
;// CONCATENATED MODULE: ./packages/providers/traffic/host/shell-files.ts


/** Shell command lines for file operations through any transport (pure). */
/** Exit 0 with the content, 3 when the file does not exist. */
function readFileCommand(path) {
    const p = shellQuote(path);
    return `if [ -e ${p} ]; then cat -- ${p}; else exit 3; fi`;
}
/** Content on stdin → temporary file beside the target → rename over it (atomic on one filesystem). */
function writeFileAtomicCommand(path, secret) {
    const p = shellQuote(path);
    const umask = secret ? 'umask 077; ' : '';
    return `${umask}mkdir -p -- ${shellQuote((0,posix_.dirname)(path))} && t=${p}.$$.tmp && cat > "$t" && mv -f -- "$t" ${p} || { rm -f -- "$t"; exit 1; }`;
}

;// CONCATENATED MODULE: ./packages/providers/traffic/host/ssh-transport.ts








/** A refusal that retrying cannot fix (the host key, the key being refused): an input problem, named as one. */
class SshRefused extends input_error/* InputError */.d {
}
/** One SSH connection (npm ssh2) to the server; commands run in the login user's shell. */
class SshTransport {
    client;
    target;
    options;
    description;
    forwards = new Map();
    alive = true;
    closing = false;
    constructor(client, target, options) {
        this.client = client;
        this.target = target;
        this.options = options;
        this.description = `${target.user}@${target.host}:${target.port}`;
        this.watch(client);
    }
    static async connect(target, options) {
        return new SshTransport(await connectWithRetry(target, options), target, options);
    }
    watch(client) {
        client.on('close', () => {
            if (client === this.client)
                this.alive = false;
        });
    }
    /** The connection, opened again (with retries) if it dropped between commands: a command is never sent twice. */
    async live() {
        if (this.alive || this.closing)
            return this.client;
        this.options.logger.info(`SSH connection to ${this.description} dropped; connecting again`);
        this.client = await connectWithRetry(this.target, this.options);
        this.alive = true;
        this.watch(this.client);
        return this.client;
    }
    async exec(command, options = {}) {
        const client = await this.live();
        return this.execOn(client, command, options);
    }
    execOn(client, command, options) {
        return new Promise((resolve, reject) => {
            if (options.signal?.aborted)
                return reject((0,abort_reason/* abortReason */.J)(options.signal));
            client.exec(command, (error, stream) => {
                if (error)
                    return reject(error);
                let stdout = '';
                let stderr = '';
                let settled = false;
                const finish = (outcome) => {
                    if (settled)
                        return;
                    settled = true;
                    clearTimeout(timer);
                    options.signal?.removeEventListener('abort', onAbort);
                    outcome();
                };
                const timeoutMs = options.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS;
                const timer = setTimeout(() => {
                    stream.close();
                    finish(() => resolve({ code: 124, stdout, stderr: `${stderr}\n(stopped waiting after ${timeoutMs} ms)` }));
                }, timeoutMs);
                const onAbort = () => {
                    stream.close();
                    finish(() => reject((0,abort_reason/* abortReason */.J)(options.signal)));
                };
                options.signal?.addEventListener('abort', onAbort, { once: true });
                stream.on('data', (chunk) => (stdout += chunk.toString()));
                stream.stderr.on('data', (chunk) => (stderr += chunk.toString()));
                stream.on('close', (code) => finish(() => resolve({ code: code ?? 128, stdout, stderr })));
                stream.end(options.stdin ?? '');
            });
        });
    }
    async readFile(path, signal) {
        const result = await this.exec(readFileCommand(path), { signal });
        if (result.code === 3)
            return undefined;
        if (result.code !== 0)
            throw new CommandFailed(`reading ${path}`, result);
        return result.stdout;
    }
    async writeFileAtomic(path, content, options = {}) {
        const result = await this.exec(writeFileAtomicCommand(path, options.secret ?? false), { stdin: content, signal: options.signal });
        if (result.code !== 0)
            throw new CommandFailed(`writing ${path}`, result);
    }
    /** A local listener whose connections are carried to the server's 127.0.0.1:port through this connection. */
    async reach(port) {
        let server = this.forwards.get(port);
        if (!server) {
            const listener = (0,external_node_net_.createServer)((socket) => {
                this.client.forwardOut('127.0.0.1', 0, '127.0.0.1', port, (error, stream) => {
                    if (error)
                        return socket.destroy();
                    socket.pipe(stream).pipe(socket);
                    socket.on('error', () => stream.destroy());
                    stream.on('error', () => socket.destroy());
                });
            });
            await new Promise((resolve, reject) => listener.once('error', reject).listen(0, '127.0.0.1', () => resolve()));
            this.forwards.set(port, listener);
            server = listener;
        }
        const address = server.address();
        return `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    }
    close() {
        this.closing = true;
        for (const server of this.forwards.values())
            server.close();
        this.forwards.clear();
        this.client.end();
        return Promise.resolve();
    }
}
async function connectWithRetry(target, options) {
    const description = `${target.user}@${target.host}:${target.port}`;
    try {
        return await (0,retry/* retry */.L5)(() => openClient(target, options), {
            attempts: options.attempts ?? 4,
            baseDelayMs: 1000,
            maxDelayMs: 8000,
            signal: options.signal,
            isRetryable: (error) => !(error instanceof SshRefused) && !options.signal?.aborted,
            onRetry: ({ attempt, delayMs, error }) => options.logger.info(`SSH to ${description}: attempt ${attempt} failed (${error.message}); retrying in ${delayMs} ms`)
        });
    }
    catch (error) {
        if (error instanceof SshRefused || options.signal?.aborted)
            throw error;
        throw new input_error/* InputError */.d('host', `cannot be reached over SSH as ${description} (${error.message})`, 'a server that accepts SSH on ssh-port from the runner');
    }
}
function openClient(target, options) {
    return new Promise((resolve, reject) => {
        const client = new (lib_default()).Client();
        let verdict;
        let presented = '';
        client.on('ready', () => resolve(client));
        client.on('error', (error) => {
            client.end();
            if (verdict === 'unknown') {
                return reject(new SshRefused('known-hosts', `has no key for ${target.host}:${target.port}, which presented ${presented}: the host key of an unknown server is refused`, "the server's line from ssh-keyscan (or allow-unknown-host-key: true)"));
            }
            if (verdict === 'mismatch') {
                return reject(new SshRefused('known-hosts', `does not match the key ${target.host}:${target.port} presented (${presented}): the server changed its key or someone is in between; refusing to connect`, 'the key the server really has, checked out of band'));
            }
            if (error.level === 'client-authentication')
                return reject(new SshRefused('ssh-key', `was refused by ${target.user}@${target.host}:${target.port} (${error.message})`, "a private key whose public key is in the user's authorized_keys"));
            reject(error);
        });
        try {
            client.connect({
                host: target.host,
                port: target.port,
                username: target.user,
                privateKey: target.privateKey,
                readyTimeout: options.readyTimeoutMs ?? 20_000,
                keepaliveInterval: 15_000,
                hostVerifier: (key) => {
                    presented = (0,known_hosts/* fingerprintOf */.ax)(key);
                    verdict = (0,known_hosts/* verifyHostKey */.Hj)(target.knownHosts, target.host, target.port, key);
                    if (verdict === 'trusted')
                        return true;
                    if (verdict === 'unknown' && target.allowUnknownHostKey) {
                        options.logger.warning(`Trusting the unknown host key ${presented} of ${target.host}:${target.port} (allow-unknown-host-key: true); pin it in known-hosts`);
                        return true;
                    }
                    return false;
                }
            });
        }
        catch (error) {
            // ssh2 throws at once on a key it cannot parse; never quote the key.
            reject(new SshRefused('ssh-key', `cannot be used (${error.message.replace(/\s+/g, ' ')})`, 'an unencrypted OpenSSH, RSA, ECDSA or Ed25519 private key'));
        }
    });
}

;// CONCATENATED MODULE: ./packages/providers/traffic/host/provider.ts



/** Loaded lazily by the traffic factory: connects (SSH, or nothing for `host: local`) and returns the provider. */
async function createHostProvider(config, deps) {
    const transport = config.target.kind === 'local' ? new LocalTransport() : await SshTransport.connect(config.target, { logger: deps.logger, signal: deps.signal });
    return new HostTrafficProvider(transport, config, deps);
}


/***/ })

};

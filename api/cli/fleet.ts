/**
 * `npm run fleet [-- --processes N] [--port P]`: N portal processes (2 by default) on PostgreSQL
 * behind Debian's nginx, on one public port (PORT, 4321 by default), as in production on one
 * machine (api/platform/fleet.ts, docs/operations.md, docs/decisions/070). Ctrl-C or SIGTERM stops
 * nginx, then every process, gracefully.
 * Exit 0: stopped when asked; 1: the fleet failed (a process never ready, nginx ended); 2: nothing
 * started (no DATABASE_URL, no nginx, bad arguments or configuration).
 */
import { parseArgs } from 'node:util';
import { ConfigError, readConfig } from '../env.ts';
import { findNginx, FleetStartError, NGINX_INSTALL, startFleet, type Fleet } from '../platform/fleet.ts';
import { createLogger } from '../platform/logger.ts';
import { loadSecret } from '../platform/secret.ts';

function refuse(message: string): never {
  console.error(`✗ ${message}`);
  process.exit(2);
}

let values: { processes: string; port?: string };
try {
  ({ values } = parseArgs({ options: { processes: { type: 'string', default: '2' }, port: { type: 'string' } } }));
} catch (error) {
  refuse(`${(error as Error).message}\nusage: npm run fleet -- [--processes N] [--port P]`);
}
const processes = Number(values.processes);
if (!Number.isInteger(processes) || processes < 1 || processes > 64) refuse(`--processes must be a whole number from 1 to 64, not ${values.processes}`);

let config;
try {
  config = readConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  refuse(error.message);
}
const port = values.port === undefined ? config.port : Number(values.port);
if (!Number.isInteger(port) || port < 1 || port + processes > 65535) refuse(`--port must be a port from 1 to ${65535 - processes}, not ${values.port}`);
// SQLite has one writer and lives in one process's folder: a fleet shares a database server.
if (!config.databaseUrl) refuse('DATABASE_URL is not set: a fleet of processes needs PostgreSQL (e.g. DATABASE_URL=postgres://user@localhost:5432/portal npm run fleet)');
const nginx = findNginx(process.env);
if (!nginx) refuse(`nginx was not found${process.env.NGINX_PATH ? ` at NGINX_PATH=${process.env.NGINX_PATH}` : ' on PATH or in /usr/sbin'}. Install Debian's package:\n    ${NGINX_INSTALL}\n(then \`service nginx stop\` if it started a server of its own on port 80), or set NGINX_PATH.`);

const logger = createLogger({ level: config.logLevel });
// Once, here: every process must key sessions and encryption alike, so none generates its own.
const secret = loadSecret({ fromEnv: config.secretFromEnv, dataDir: config.dataDir });
if (secret.origin === 'generated') logger.info({ file: `${config.dataDir}/secret.key` }, 'fleet: generated a new portal secret');

let fleet: Fleet | undefined;
let stopRequested = false;
const stop = (code: number) => {
  stopRequested = true;
  if (!fleet) return;
  void fleet.stop().then(() => process.exit(code));
};
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => stop(0));

try {
  fleet = await startFleet({ processes, host: config.host, port, dataDir: config.dataDir, databaseUrl: config.databaseUrl, secretHex: secret.key.toString('hex'), nginx, env: process.env, logger });
} catch (error) {
  if (!(error instanceof FleetStartError)) throw error;
  console.error(`✗ ${error.message}`);
  process.exit(1);
}
// One plain line whatever LOG_LEVEL says, as serve.ts prints: scripts wait for it.
console.log(`fleet listening at ${fleet.url}: ${processes} portal processes (${fleet.processes.map((one) => one.url).join(', ')}) behind nginx (${fleet.configPath})`);
void fleet.failed.then((reason) => {
  console.error(`✗ ${reason}`);
  stop(1);
});
if (stopRequested) stop(0);

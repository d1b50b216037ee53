/**
 * PostgreSQL restarted in the middle of a flash crowd: while it is away, requests fail cleanly (503
 * with Retry-After, never a 500, never a half-written booking), the pool reconnects by itself, and
 * the crowd goes on; afterwards every acknowledged booking is there and no place is held twice.
 * Prints the answers by status and the recovery time (from the restart's start to the first booking
 * answered again). Needs TEST_DATABASE_URL and a way to restart the server: PG_RESTART_COMMAND, or
 * Debian's `pg_ctlcluster` for the cluster on TEST_DATABASE_URL's port. `npm run test:faults`.
 */
import { exec, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../api/db/connect.ts';
import { confirmCrowdPhones, planFlashCrowd, writeOfficesFile } from '../support/flash-crowd.ts';
import { startPortalProcess, type PortalProcess } from '../support/portal-process.ts';
import { newAnswers, reckon, runCrowd } from './crowd.ts';

const URL_ = process.env.TEST_DATABASE_URL;
const PLACES = 200;
const ATTEMPTS = 1_500;
const RESTART_AFTER = 40;

/** The command that restarts the test database's server, or undefined when there is none here. */
function restartCommand(): string | undefined {
  if (process.env.PG_RESTART_COMMAND) return process.env.PG_RESTART_COMMAND;
  if (!URL_) return undefined;
  const port = new URL(URL_).port || '5432';
  const clusters = spawnSync('pg_lsclusters', ['--no-header'], { encoding: 'utf8' });
  const line = clusters.status === 0 ? clusters.stdout.split('\n').find((row) => row.trim().split(/\s+/)[2] === port) : undefined;
  const [version, cluster] = line?.trim().split(/\s+/) ?? [];
  return version && cluster ? `pg_ctlcluster ${version} ${cluster} restart` : undefined;
}

const RESTART = restartCommand();

describe.runIf(URL_ && RESTART)('PostgreSQL restarted under load', () => {
  const schema = `fault_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const plan = planFlashCrowd(PLACES);
  const officesFile = writeOfficesFile(plan);
  let portal: PortalProcess;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    const client = new pg.Client({ connectionString: URL_ });
    await client.connect();
    await client.query(`create schema ${schema}`);
    await client.end();
    portal = await startPortalProcess({
      env: { DATABASE_URL: `${URL_}?options=${encodeURIComponent(`-c search_path=${schema}`)}`, LOG_LEVEL: 'error', MARRIAGE_OFFICES_FILE: officesFile.path, BOOKING_LIMIT_PER_CLIENT: '1000000', PHONE_CODE_LIMIT_PER_CLIENT: '1000000' },
    });
  });
  afterAll(async () => {
    await portal?.stop();
    await handle?.close();
    const client = new pg.Client({ connectionString: URL_ });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
    officesFile.remove();
  });

  it('answers 503 with Retry-After while it is away, recovers by itself, and loses nothing acknowledged', { timeout: 300_000 }, async () => {
    const proofs = await confirmCrowdPhones(portal.url, plan, ATTEMPTS);
    const answers = newAnswers();
    const started = performance.now();
    const crowd = runCrowd(portal.url, plan, proofs, { attempts: ATTEMPTS, inFlight: 50, retryMs: 500, into: answers });
    while (answers.acknowledged.length < RESTART_AFTER) await new Promise((resolve) => setTimeout(resolve, 5));
    const restartAt = performance.now() - started;
    // Not execSync: the crowd goes on while the server restarts.
    await promisify(exec)(RESTART ?? '');
    const restartedAt = performance.now() - started;
    await crowd;
    // A process that ended under the fault: its last words, for the report.
    if (portal.child.exitCode !== null || portal.child.signalCode !== null) console.log(`the portal process ended (${portal.child.exitCode ?? portal.child.signalCode}):\n${portal.output.slice(-60).join('\n')}`);
    const unavailable = answers.timeline.filter((answer) => answer.status === 503);
    const outageFrom = unavailable[0]?.at ?? restartAt;
    const outageTo = unavailable.at(-1)?.at ?? restartAt;
    const firstAfter = answers.timeline.find((answer) => answer.at > outageTo && (answer.status === 201 || answer.status === 409));
    const failedDuring = answers.timeline.filter((answer) => answer.at > restartAt && answer.status === 503).length;
    handle = openDatabase({ kind: 'postgres', url: URL_ ?? '', schema });
    const result = await reckon(handle.db, plan, answers.acknowledged);
    const ready = await fetch(`${portal.url}/api/v1/health/ready`);
    console.log(
      `postgres restart: acknowledged ${result.acknowledged}, found ${result.found}, lost ${result.lost}, overbooked ${result.overbooked}, slot mismatches ${result.slotMismatches}, half-written ${result.halfWritten}; answers ${JSON.stringify(answers.statuses)} (503 during the outage: ${failedDuring}); the restart command took ${((restartedAt - restartAt) / 1000).toFixed(2)} s; recovery ${firstAfter ? ((firstAfter.at - outageFrom) / 1000).toFixed(2) : 'never'} s from the first 503 to the first booking answered after the last`,
    );
    // A booking whose commit reached the database but whose answer was cut with the connection is
    // answered on its retry (same Idempotency-Key) with the first answer: the key was kept in the
    // booking's own transaction (docs/decisions/069). So every place is acknowledged to its couple.
    expect(Object.keys(answers.statuses).filter((status) => !['201', '409', '409 slot_full', '409 request_in_progress', '503'].includes(status))).toEqual([]);
    expect(result.acknowledged).toBe(PLACES);
    expect(firstAfter).toBeDefined();
    expect(ready.status).toBe(200);
    expect(result).toMatchObject({ lost: 0, overbooked: 0, slotMismatches: 0, halfWritten: 0 });
    expect(result.acknowledged + answers.full).toBe(ATTEMPTS);
  });
});

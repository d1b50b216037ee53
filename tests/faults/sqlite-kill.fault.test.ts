/**
 * kill -9 of a portal process on the embedded database in the middle of a flash crowd: every booking
 * acknowledged to a client (201) is in the database afterwards, no place is held twice or lost, no
 * case is left without its appointment, and a new process on the same folder serves at once.
 * Prints acknowledged vs found, lost, overbooked, and the restart time. `npm run test:faults`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../api/db/connect.ts';
import { confirmCrowdPhones, planFlashCrowd, writeOfficesFile } from '../support/flash-crowd.ts';
import { startPortalProcess } from '../support/portal-process.ts';
import { newAnswers, reckon, runCrowd } from './crowd.ts';

const PLACES = 200;
const ATTEMPTS = 1_500;
/** Killed once this many bookings were acknowledged: well inside the crowd. */
const KILL_AFTER = 60;

describe('kill -9 during writes, on SQLite', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-fault-sqlite-'));
  const plan = planFlashCrowd(PLACES);
  const officesFile = writeOfficesFile(plan);
  const env = { DATABASE_URL: '', LOG_LEVEL: 'warn', MARRIAGE_OFFICES_FILE: officesFile.path, BOOKING_LIMIT_PER_CLIENT: '1000000', PHONE_CODE_LIMIT_PER_CLIENT: '1000000' };
  afterAll(() => {
    officesFile.remove();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nothing acknowledged, holds no place twice, and starts again at once', { timeout: 300_000 }, async () => {
    const portal = await startPortalProcess({ dataDir, env });
    const proofs = await confirmCrowdPhones(portal.url, plan, ATTEMPTS);
    let killed = false;
    const answers = newAnswers();
    const crowd = runCrowd(portal.url, plan, proofs, { attempts: ATTEMPTS, inFlight: 50, retryMs: 200, stop: () => killed, into: answers });
    // Killed as soon as enough were acknowledged, with writes in flight.
    const deadline = Date.now() + 120_000;
    while (answers.acknowledged.length < KILL_AFTER && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    portal.child.kill('SIGKILL');
    killed = true;
    await crowd;
    expect(killed).toBe(true);

    const restartStarted = performance.now();
    const again = await startPortalProcess({ dataDir, env });
    const restartMs = performance.now() - restartStarted;
    const ready = await fetch(`${again.url}/api/v1/health/ready`);
    await again.stop('SIGTERM');
    const handle = openDatabase({ kind: 'sqlite', path: join(dataDir, 'portal.sqlite') });
    const result = await reckon(handle.db, plan, answers.acknowledged);
    await handle.close();
    console.log(`sqlite kill -9: acknowledged ${result.acknowledged}, found ${result.found}, lost ${result.lost}, overbooked ${result.overbooked}, slot mismatches ${result.slotMismatches}, half-written ${result.halfWritten}; answers ${JSON.stringify(answers.statuses)}; restart ${(restartMs / 1000).toFixed(2)} s`);
    expect(ready.status).toBe(200);
    expect(result).toMatchObject({ lost: 0, overbooked: 0, slotMismatches: 0, halfWritten: 0 });
    expect(result.acknowledged).toBeGreaterThanOrEqual(KILL_AFTER);
  });
});

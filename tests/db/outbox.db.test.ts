import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { enqueueNotification } from '../../api/db/cases.repo.ts';
import { claimDueMessages } from '../../api/db/outbox.repo.ts';
import {
  OUTBOX_RECIPIENT_CONTEXT,
  createRecordingProvider,
  deliverDueNotifications,
  type DeliveryDeps,
  type NotificationProvider,
} from '../../api/notifications/delivery.ts';
import { createFieldCrypto } from '../../api/platform/field-crypto.ts';
import { DIALECTS, useMigratedDatabase } from '../support/test-database.ts';

const crypto = createFieldCrypto(randomBytes(32));
const logger = pino({ level: 'silent' });

describe.each(DIALECTS)('the notification outbox on %s', (kind) => {
  const store = useMigratedDatabase(kind);
  let clock = new Date('2026-11-25T02:00:00Z');
  const now = () => clock;
  const deps = (provider?: NotificationProvider): DeliveryDeps => ({
    db: store.handle.db,
    kind,
    crypto,
    logger,
    now,
    provider: provider ?? createRecordingProvider(store.handle.db, now),
  });

  beforeEach(async () => {
    clock = new Date('2026-11-25T02:00:00Z');
    await store.handle.db.deleteFrom('dev_messages').execute();
    await store.handle.db.deleteFrom('notification_outbox').execute();
  });

  async function queue(count: number, template = 'case.accepted', lang = 'zh-CN') {
    await store.handle.db.transaction().execute(async (trx) => {
      for (let i = 0; i < count; i += 1) {
        await enqueueNotification(
          trx,
          null,
          { channel: 'sms', template, lang, recipientEnc: crypto.encrypt('13812345678', OUTBOX_RECIPIENT_CONTEXT), params: { trackingNumber: `7KQ4-M9XH-${i}` } },
          clock,
        );
      }
    });
  }
  const outbox = () => store.handle.db.selectFrom('notification_outbox').selectAll().execute();
  const delivered = () => store.handle.db.selectFrom('dev_messages').selectAll().execute();

  it('sends each message once, in the applicant’s language, even with two workers at once', async () => {
    await queue(30, 'case.accepted', 'en');
    await Promise.all([
      deliverDueNotifications(deps(), { workerId: 'a', limit: 7 }),
      deliverDueNotifications(deps(), { workerId: 'b', limit: 7 }),
      deliverDueNotifications(deps(), { workerId: 'a', limit: 7 }),
      deliverDueNotifications(deps(), { workerId: 'b', limit: 7 }),
      deliverDueNotifications(deps(), { workerId: 'c', limit: 7 }),
    ]);
    const messages = await delivered();
    expect(messages).toHaveLength(30);
    expect(new Set(messages.map((m) => m.outbox_id)).size).toBe(30);
    expect((await outbox()).every((row) => row.status === 'sent')).toBe(true);
    expect(messages[0]).toMatchObject({ recipient: '138****5678', channel: 'sms' });
    expect(messages[0]?.body).toMatch(/^Civil Affairs Online: your application 7KQ4-M9XH-\d+ has been accepted\.$/);
  });

  it('tries a failed message again later, backing off, and gives up after the last attempt', async () => {
    await queue(1);
    const failing: NotificationProvider = { send: async () => Promise.reject(new Error('gateway unavailable')) };
    expect(await deliverDueNotifications(deps(failing), { workerId: 'a' })).toEqual({ sent: 0, retrying: 1, failed: 0 });
    let [row] = await outbox();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: '2026-11-25T02:01:00.000Z', last_error: 'Error: gateway unavailable' });
    expect(await deliverDueNotifications(deps(failing), { workerId: 'a' })).toEqual({ sent: 0, retrying: 0, failed: 0 });

    for (let attempt = 2; attempt <= 8; attempt += 1) {
      clock = new Date(clock.getTime() + 3_600_000);
      await deliverDueNotifications(deps(failing), { workerId: 'a' });
    }
    [row] = await outbox();
    expect(row).toMatchObject({ status: 'failed', attempts: 8 });
    clock = new Date(clock.getTime() + 3_600_000);
    expect(await deliverDueNotifications(deps(), { workerId: 'a' })).toEqual({ sent: 0, retrying: 0, failed: 0 });
  });

  it('gives up at once on a template that does not exist', async () => {
    await queue(1, 'case.nonsense');
    expect(await deliverDueNotifications(deps(), { workerId: 'a' })).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect((await outbox())[0]).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('lets another worker take over a message whose worker died holding it', async () => {
    await queue(1);
    expect(await claimDueMessages(store.handle.db, kind, { workerId: 'dead', now: clock, leaseMs: 60_000, limit: 10 })).toHaveLength(1);
    expect(await deliverDueNotifications(deps(), { workerId: 'b' })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    clock = new Date(clock.getTime() + 61_000);
    expect(await deliverDueNotifications(deps(), { workerId: 'b' })).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(await delivered()).toHaveLength(1);
  });
});

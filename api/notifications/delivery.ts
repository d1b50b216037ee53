/**
 * Delivers queued notifications through a pluggable provider (SMS gateway, mail server; the
 * development provider records them). Safe in several processes at once: each worker claims a
 * lease on a batch, and only the lease holder can mark a message sent. A crash between sending
 * and marking means the message may be sent again after the lease expires (at least once); the
 * provider receives the outbox id to deduplicate where it can.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseKind } from '../db/connect.ts';
import { claimDueMessages, markFailedAttempt, markSent, type OutboxMessage } from '../db/outbox.repo.ts';
import type { Database } from '../db/schema.ts';
import { DEFAULT_RETRY_POLICY, nextAttemptDelayMs, type RetryPolicy } from '../domain/notifications/retry.ts';
import { dynamicKey, isLocale, translator } from '../i18n/index.ts';
import type { BackgroundPass } from '../platform/background-passes.ts';
import { maskPhone, type FieldCrypto } from '../platform/field-crypto.ts';
import type { Logger } from '../platform/logger.ts';

export const OUTBOX_RECIPIENT_CONTEXT = 'notification_outbox.recipient';
/**
 * A message's secret parameter (a one-time code) is stored encrypted under its name with `Enc`
 * appended (`codeEnc`), in this context, and decrypted only to render the message being sent.
 */
export const OUTBOX_SECRET_PARAM_CONTEXT = 'notification_outbox.secret_param';

export interface OutgoingMessage {
  outboxId: string;
  channel: 'sms' | 'email';
  recipient: string;
  body: string;
}

export interface NotificationProvider {
  send(message: OutgoingMessage): Promise<void>;
}

/** Records instead of sending, in the database, so every process and every test sees the same. */
export function createRecordingProvider(db: Kysely<Database>, now: () => Date): NotificationProvider {
  return {
    async send(message) {
      await db
        .insertInto('dev_messages')
        .values({
          id: randomUUID(),
          outbox_id: message.outboxId,
          channel: message.channel,
          recipient: message.channel === 'sms' ? maskPhone(message.recipient) : message.recipient.replace(/^(.).*(@.*)$/, '$1***$2'),
          body: message.body,
          sent_at: now().toISOString(),
        })
        .execute();
    },
  };
}

export interface DeliveryDeps {
  db: Kysely<Database>;
  kind: DatabaseKind;
  crypto: FieldCrypto;
  provider: NotificationProvider;
  logger: Logger;
  now: () => Date;
  retry?: RetryPolicy;
}

export class UnknownTemplateError extends Error {
  override name = 'UnknownTemplateError';
}

export function renderNotification(message: Pick<OutboxMessage, 'template' | 'lang' | 'params_json'>, crypto?: Pick<FieldCrypto, 'decrypt'>): string {
  const lang = isLocale(message.lang) ? message.lang : 'zh-CN';
  const t = translator(lang);
  const key = dynamicKey`notifications.${message.template}`;
  const params = secretParamsOpened(JSON.parse(message.params_json) as Record<string, string>, crypto);
  const body = t(key, { ...params, defaultValue: '' });
  if (!body) throw new UnknownTemplateError(`no notification template ${key}`);
  return body;
}

/** The parameters with each secret one (`<name>Enc`) decrypted under its own name; left as they are without `crypto`. */
export function secretParamsOpened(params: Record<string, string>, crypto?: Pick<FieldCrypto, 'decrypt'>): Record<string, string> {
  if (!crypto) return params;
  const opened: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (name.endsWith('Enc')) opened[name.slice(0, -3)] = crypto.decrypt(value, OUTBOX_SECRET_PARAM_CONTEXT);
    else opened[name] = value;
  }
  return opened;
}

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

/** One pass: claim what is due, send each, record the outcome. */
export async function deliverDueNotifications(deps: DeliveryDeps, options: { workerId: string; limit?: number; leaseMs?: number }): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  const claimed = await claimDueMessages(deps.db, deps.kind, {
    workerId: options.workerId,
    now: deps.now(),
    leaseMs: options.leaseMs ?? 60_000,
    limit: options.limit ?? 50,
  });
  for (const message of claimed) {
    try {
      const body = renderNotification(message, deps.crypto);
      const recipient = deps.crypto.decrypt(message.recipient_enc, OUTBOX_RECIPIENT_CONTEXT);
      await deps.provider.send({ outboxId: message.id, channel: message.channel === 'email' ? 'email' : 'sms', recipient, body });
      if (await markSent(deps.db, message.id, options.workerId, deps.now())) report.sent += 1;
    } catch (error) {
      // A template that does not exist will not exist on the next try either.
      const permanent = error instanceof UnknownTemplateError;
      const delay = permanent ? null : nextAttemptDelayMs(Number(message.attempts) + 1, deps.retry ?? DEFAULT_RETRY_POLICY);
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      await markFailedAttempt(deps.db, message.id, options.workerId, {
        error: reason,
        nextAttemptAt: delay === null ? null : new Date(deps.now().getTime() + delay),
      });
      if (delay === null) report.failed += 1;
      else report.retrying += 1;
      deps.logger.warn({ outboxId: message.id, template: message.template, error: reason, retrying: delay !== null }, 'notification not delivered');
    }
  }
  return report;
}

/**
 * This process's delivery, a pass every `intervalMs` (api/server/main.ts runs it with the other
 * background passes): one worker id for the process's life, its leases' holder.
 */
export function deliveryPass(deps: DeliveryDeps, intervalMs: number): BackgroundPass {
  const workerId = `worker-${randomUUID()}`;
  return { name: 'notification-delivery', intervalMs, steps: [{ run: () => deliverDueNotifications(deps, { workerId }), failure: 'notification delivery pass failed' }] };
}

/**
 * The development outbox, without a browser: a notification queued in the server's database is
 * delivered by the server's worker to the recording provider and shows on /dev/outbox, in the
 * applicant's language, the phone number masked. Both languages.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enqueueNotification } from '../../api/db/cases.repo.ts';
import { openDatabase } from '../../api/db/connect.ts';
import { OUTBOX_RECIPIENT_CONTEXT } from '../../api/notifications/delivery.ts';
import { createFieldCrypto } from '../../api/platform/field-crypto.ts';
import { LANGUAGES, type Language } from '../support/site.ts';
import { outboxRows, outboxWith } from './support/outbox.ts';
import { visitor, workerPortal } from './support/portal.ts';

/** Queues a text message straight in the worker's server database, encrypted with the server's secret, as a case change would. */
async function queueMessage(language: Language, phone: string, trackingNumber: string): Promise<void> {
  const { dataDir, secret } = workerPortal();
  const database = openDatabase({ kind: 'sqlite', path: join(dataDir, 'portal.sqlite') });
  try {
    const crypto = createFieldCrypto(Buffer.from(secret, 'hex'));
    await database.db.transaction().execute((trx) =>
      enqueueNotification(
        trx,
        null,
        { channel: 'sms', template: 'case.accepted', lang: language.code, recipientEnc: crypto.encrypt(phone, OUTBOX_RECIPIENT_CONTEXT), params: { trackingNumber } },
        new Date(),
      ),
    );
  } finally {
    await database.close();
  }
}

describe.each(LANGUAGES)('in $name', (language) => {
  const s = language.strings;

  it('a queued notification appears in the development outbox, phone masked', async () => {
    // A number of its own, so the row found is this test's.
    const trackingNumber = `HTML-${language.code}-${randomUUID().slice(0, 8)}`;
    await queueMessage(language, '13812345678', trackingNumber);
    const expected = language.t(s.notifications.case.accepted, { trackingNumber });
    const page = await outboxWith(visitor(language), language, expected);
    expect(page.h1).toBe(s.dev.outbox.title);
    const row = outboxRows(page).find((cells) => cells.includes(expected));
    expect(row).toContain('138****5678');
    expect(page.text('body')).not.toContain('13812345678');
  });
});

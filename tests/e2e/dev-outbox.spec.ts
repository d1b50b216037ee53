/**
 * The development outbox: a queued notification is delivered by the server's worker to the
 * recording provider and shows on /dev/outbox, in the applicant's language, phone masked.
 */
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { enqueueNotification } from '../../api/db/cases.repo.ts';
import { openDatabase } from '../../api/db/connect.ts';
import { OUTBOX_RECIPIENT_CONTEXT } from '../../api/notifications/delivery.ts';
import { createFieldCrypto } from '../../api/platform/field-crypto.ts';
import { LANGUAGES } from './support/portal.ts';

for (const language of LANGUAGES) {
  const s = language.strings;
  test(`In ${language.name}, a queued notification appears in the development outbox, phone masked`, async ({ page }) => {
    const secret = process.env.E2E_PORTAL_SECRET;
    const dataDir = process.env.E2E_DATA_DIR;
    if (!secret || !dataDir) throw new Error('global-setup sets E2E_PORTAL_SECRET and E2E_DATA_DIR');
    const trackingNumber = `E2E-${language.code}-${test.info().project.name}`;
    const database = openDatabase({ kind: 'sqlite', path: join(dataDir, 'portal.sqlite') });
    try {
      const crypto = createFieldCrypto(Buffer.from(secret, 'hex'));
      await database.db.transaction().execute((trx) =>
        enqueueNotification(
          trx,
          null,
          { channel: 'sms', template: 'case.accepted', lang: language.code, recipientEnc: crypto.encrypt('13812345678', OUTBOX_RECIPIENT_CONTEXT), params: { trackingNumber } },
          new Date(),
        ),
      );
    } finally {
      await database.close();
    }
    const expected = language.t(s.notifications.case.accepted, { trackingNumber });
    await expect(async () => {
      await page.goto(language.path('/dev/outbox'));
      await expect(page.getByRole('cell', { name: expected })).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 15_000 });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.dev.outbox.title);
    await expect(page.getByRole('row').filter({ hasText: expected }).getByRole('cell', { name: '138****5678' })).toBeVisible();
    await expect(page.getByText('13812345678')).toHaveCount(0);
  });
}

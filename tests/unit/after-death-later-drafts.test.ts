/**
 * The drafts prefilled for 身后一件事's items applied for later (docs/decisions/076): one mapping per
 * item, from the bundle's application to that item's own journey. Each gives only answers that
 * journey asks (a step on its route owns each, or it is the journey's own phone confirmation), each
 * well formed for that journey's schema, and never what no later journey asks.
 */
import { describe, expect, it } from 'vitest';
import { afterDeathApplicationSchema, type AfterDeathApplication } from '../../api/services/after-death/application.schema.ts';
import { AFTER_DEATH_ITEMS, isLaterItem, ITEM_IDS, type LaterItemId } from '../../api/services/after-death/items.ts';
import { cemeteryPlotDraft, ecoBurialDraft, funeralBookingDraft, LATER_DRAFTS } from '../../api/services/after-death/later-drafts.ts';
import { afterDeathParts } from '../../api/services/after-death/parts.ts';
import { ecoBurialPages } from '../../api/services/eco-burial-subsidy/pages.ts';
import { phoneProof } from '../../api/services/funeral-booking/journey.ts';
import { funeralBookingPages } from '../../api/services/funeral-booking/pages.ts';
import { DEMO_OFFICES } from '../../api/services/marriage/offices.ts';
import { cemeteryPages } from '../../api/services/public-cemetery/pages.ts';
import { serviceDataOf } from '../../api/services/service-data.ts';
import type { JourneyPages } from '../../api/services/service-package.ts';
import { routeOf, stepAsking } from '../../api/engine/journey/journey.ts';
import { afterDeathApplication } from '../support/applications.ts';

const TODAY = '2026-12-12';
const NOW = new Date('2026-12-12T02:00:00Z');
const application = (overrides: Record<string, string> = {}): AfterDeathApplication => afterDeathApplicationSchema(TODAY).parse(afterDeathApplication(1, overrides, ['pension-account', 'funeral-booking', 'cemetery-plot', 'eco-burial-subsidy']));
const confirmed = (app: AfterDeathApplication) => ({ confirmedPhone: { phone: app.handler.phone, proof: 'p'.repeat(43), expiresAt: '2026-12-13T02:00:00.000Z' } });

const PAGES: Readonly<Record<LaterItemId, JourneyPages>> = {
  'funeral-booking': funeralBookingPages as JourneyPages,
  'cemetery-plot': cemeteryPages as JourneyPages,
  'eco-burial-subsidy': ecoBurialPages as JourneyPages,
};
const LATER = ITEM_IDS.filter(isLaterItem);

describe.each(LATER)('the draft prefilled for %s', (item) => {
  const pages = PAGES[item];
  const app = application();
  const answers = LATER_DRAFTS[item](app, confirmed(app));

  it('is a draft of that item’s own journey', () => {
    expect(pages.service).toBe(AFTER_DEATH_ITEMS[item].service);
    expect(afterDeathParts(app, confirmed(app)).find((part) => part.item === item)).toEqual({ item, kind: 'later', applyPath: AFTER_DEATH_ITEMS[item].applyPath, draft: { service: pages.service, answers } });
  });

  it('holds only answers that journey asks: each on a step of its route, or the journey’s own phone confirmation', () => {
    const route = routeOf(pages.journey, answers).map((step) => step.step);
    for (const path of Object.keys(answers)) {
      if (pages.notInSchema.includes(path)) continue;
      const step = stepAsking(pages.journey, path, answers);
      expect(step, path).toBeDefined();
      expect(route, path).toContain(step);
    }
  });

  it('is well formed for that journey’s schema: whatever it still lacks is never a field it filled', () => {
    const parsed = pages.schema(TODAY, serviceDataOf({ offices: DEMO_OFFICES })).safeParse(pages.applicationFrom(answers));
    const wrong = parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.')).filter((path) => path in answers);
    expect(wrong).toEqual([]);
  });

  it('never carries what no later journey asks: the deceased’s sex, the handler’s address and sex, the social security card', () => {
    const text = JSON.stringify(answers);
    for (const value of [app.handler.address, app.deceased.socialSecurityCardNumber ?? 'none']) expect(text).not.toContain(value);
    expect(Object.keys(answers).filter((path) => path.endsWith('.sex') || path.endsWith('.address') || path.includes('socialSecurity'))).toEqual([]);
  });
});

describe('what each mapping takes over', () => {
  const app = application();

  it('the funeral booking: the deceased, the certificate’s form from its number’s shape, the handler as the contact, and the phone carried confirmed', () => {
    const answers = funeralBookingDraft(app, confirmed(app));
    expect(answers).toMatchObject({ 'deceased.name': '王建国', 'deceased.diedOn': '2026-10-20', 'deceased.certificate.form': 'paper', 'deceased.certificate.number': 'D220000001', 'contact.name': '王丽', 'contact.phone': app.handler.phone, 'contact.relationship': 'child' });
    // The booking journey reads the carried confirmation as its own: its phones step is answered.
    expect(phoneProof(answers, NOW)).toBe('p'.repeat(43));
    // Not for another phone, and none without a proof: the journey asks for a code then.
    expect(funeralBookingDraft(app, { confirmedPhone: { ...confirmed(app).confirmedPhone, phone: '13900000000' } })['phoneProof.contact']).toBeUndefined();
    expect(funeralBookingDraft(app)['phoneProof.contact']).toBeUndefined();
  });

  it.each([
    ['an electronic certificate’s number', '123456789012345678', 'electronic'],
    ['a number of neither shape: the form is left to the family', 'AB123456', undefined],
  ])('the funeral booking with %s', (_name, number, form) => {
    const answers = funeralBookingDraft(application({ 'deceased.deathCertificateNumber': number }));
    expect(answers['deceased.certificate.form']).toBe(form);
    expect(answers['deceased.certificate.number']).toBe(number);
  });

  it('a cemetery plot: the death certificate’s number as the proof, the handler as the family member who applies', () => {
    expect(cemeteryPlotDraft(app)).toEqual({
      'deceased.name': '王建国',
      'deceased.idNumber': app.deceased.idNumber,
      'deceased.diedOn': '2026-10-20',
      'proof.kind': 'death-certificate',
      'proof.deathCertificateNumber': 'D220000001',
      'family.name': '王丽',
      'family.idNumber': app.handler.idNumber,
      'family.phone': app.handler.phone,
      'family.relationship': 'child',
    });
  });

  it('a relationship the later journey does not offer is left for the family to answer there', () => {
    const other = application({ 'handler.relationship': 'other' });
    expect(cemeteryPlotDraft(other)['family.relationship']).toBeUndefined();
    expect(ecoBurialDraft(other)['claimant.relationship']).toBeUndefined();
    expect(funeralBookingDraft(other)['contact.relationship']).toBe('other');
  });

  it('the eco-burial subsidy: the heir’s account only when it is the handler’s own (the subsidy is paid to the claimant)', () => {
    expect(ecoBurialDraft(app)).toMatchObject({ 'claimant.idNumber': app.handler.idNumber, 'account.holder': '王丽', 'account.number': '6222000011112222444' });
    const someoneElse = ecoBurialDraft(application({ 'account.holder': '王强' }));
    expect(Object.keys(someoneElse).filter((path) => path.startsWith('account.'))).toEqual([]);
    const { account: _account, ...withoutAccount } = app;
    expect(Object.keys(ecoBurialDraft(withoutAccount)).filter((path) => path.startsWith('account.'))).toEqual([]);
  });
});

/**
 * 好差评 on the status page without JavaScript (docs/decisions/053), in both languages: a finished
 * case offers the rating form; a bad rating without a reason comes back 422 with the message next to
 * the reasons, in the summary and the title, and the level and comment kept; a good form says thanks
 * and shows the rating and when the office will answer; once the office has answered, the applicant
 * reads the answer and says, once, whether it was resolved.
 */
import { describe, expect, it } from 'vitest';
import { ELDER_ID } from '../support/applications.ts';
import { applyViaApi, staffCookie, takeStep } from '../support/portal-api.ts';
import { LANGUAGES } from '../support/site.ts';
import { baseUrl, lookUp, visitor, workerPortal } from './support/portal.ts';

describe.each(LANGUAGES)('rating a finished case in $name', (language) => {
  const s = language.strings;
  const r = s.ratings;

  it('takes a rating once, with each refusal next to its field, and then the answer to the office’s reply', async () => {
    const trackingNumber = await applyViaApi(baseUrl(), language.code);
    const clerk = await staffCookie(workerPortal(), 'intake');
    const reader = visitor(language);
    let page = await lookUp(reader, language, trackingNumber, ELDER_ID);
    expect(page.has('[data-testid="rating-form"]')).toBe(false);
    await takeStep(baseUrl(), clerk, trackingNumber, 'not-accept', { reason: language.code === 'en' ? 'The elder lives in another district.' : '老人户籍不在本区。' });

    page = await lookUp(reader, language, trackingNumber, ELDER_ID);
    expect(page.text('#rating-heading')).toBe(r.track.heading);
    expect(page.field(r.level['very-dissatisfied']).getAttribute('type')).toBe('radio');
    expect(page.field(r.reason.slow).getAttribute('type')).toBe('checkbox');
    expect(page.descriptionOf(page.field(r.track.commentLabel))).toContain(r.track.commentHint);

    // A bad rating without a reason: said next to the reasons, the level and comment kept.
    page = await page.form(r.track.submit).check(r.level['very-dissatisfied']).fill(r.track.commentLabel, '窗口排队太久').submit();
    expect(page.status).toBe(422);
    expect(page.title.startsWith(s.errors.title)).toBe(true);
    expect(page.errorFor('reasons')).toContain(s.errors.ratings.reasonsNeeded);
    expect(page.errorSummary).toEqual([{ text: s.errors.ratings.reasonsNeeded, href: '#reasons' }]);
    expect(page.isChecked(r.level['very-dissatisfied'])).toBe(true);
    expect(page.valueOf(r.track.commentLabel)).toBe('窗口排队太久');

    page = await page.form(r.track.submit).check(r.reason.slow).submit();
    expect(page.status).toBe(200);
    expect(page.text('[data-testid="rating-said"]')).toBe(r.track.thanks);
    expect(page.text('[data-testid="rating-level"]')).toBe(r.level['very-dissatisfied']);
    expect(page.has('[data-testid="rating-form"]')).toBe(false);
    expect(page.text('[data-testid="rating-follow-up-due"]')).toContain(r.track.followUpDue.split('{{date}}')[0]?.trim() ?? '');

    // The office answers (its list is the case handlers' own).
    const headers = { cookie: clerk, origin: baseUrl(), 'content-type': 'application/json' };
    const list = (await (await fetch(`${baseUrl()}/api/v1/staff/follow-ups`, { headers })).json()) as { items: { id: string; trackingNumber: string }[] };
    const id = list.items.find((item) => item.trackingNumber === trackingNumber)?.id;
    const reply = '经核实，当天窗口人手不足，已增加一名工作人员。';
    expect((await fetch(`${baseUrl()}/api/v1/staff/follow-ups/${id}/reply`, { method: 'POST', headers, body: JSON.stringify({ reply }) })).status).toBe(200);

    page = await lookUp(reader, language, trackingNumber, ELDER_ID);
    expect(page.text('[data-testid="rating-reply"]')).toBe(reply);
    page = await page.form(r.track.resolutionSubmit).submit();
    expect(page.status).toBe(422);
    expect(page.errorFor('resolution')).toContain(s.errors.ratings.resolution);
    page = await page.form(r.track.resolutionSubmit).check(r.track.resolution['not-resolved']).submit();
    expect(page.status).toBe(200);
    expect(page.text('[data-testid="rating-said"]')).toBe(r.track.resolutionThanks);
    expect(page.text('[data-testid="rating-resolution"]')).toBe(language.t(r.track.resolutionGiven, { answer: r.track.resolution['not-resolved'] }));
    expect(page.hasExactText(r.track.notResolvedNext)).toBe(true);
    expect(page.has('[data-testid="rating-resolution-form"]')).toBe(false);
  });
});

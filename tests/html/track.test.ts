/**
 * 查询办件进度 without a browser: an applicant finds their application by its tracking number and
 * their ID number or phone, sees where it is and what comes next, and can withdraw it before a
 * decision; a wrong pair is told so without saying which half was wrong. Both languages.
 */
import { describe, expect, it } from 'vitest';
import { ELDER_ID } from '../support/applications.ts';
import { applyViaApi } from '../support/portal-api.ts';
import { LANGUAGES } from '../support/site.ts';
import { baseUrl, lookUp, visitor } from './support/portal.ts';

describe.each(LANGUAGES)('the progress page in $name', (language) => {
  const s = language.strings;

  it('is reached from the home page and shows state, next step, due date and timeline', async () => {
    const trackingNumber = await applyViaApi(baseUrl());
    const reader = visitor(language);
    const home = await reader.get(language.path('/'));
    const track = await home.follow(s.home.topTask.track, home.one('main'));
    expect(track.h1).toBe(s.track.title);
    const result = await lookUp(reader, language, trackingNumber.toLowerCase(), '138 1234 5678');
    expect(result.h1).toBe(language.t(s.track.result, { trackingNumber }));
    expect(result.hasExactText(s.case.state.submitted)).toBe(true);
    expect(result.text()).toContain(s.case.next.submitted);
    expect(result.hasExactText(s.case.event.submit)).toBe(true);
    expect(result.text()).toMatch(new RegExp(language.t(s.track.dueBy, { date: '.+' })));
  });

  it('says a wrong pair does not match, keeps what was typed, and never says which half was wrong', async () => {
    const trackingNumber = await applyViaApi(baseUrl());
    const page = await lookUp(visitor(language), language, trackingNumber, '13900000000');
    expect(page.title.startsWith(s.errors.title)).toBe(true);
    expect(page.role('alert')).toContain(s.errors.track.noMatch);
    expect(page.valueOf(s.track.trackingNumber)).toBe(trackingNumber);
    expect(page.valueOf(s.track.secondFactor)).toBe('13900000000');
  });

  it('explains a mistyped tracking number next to the field', async () => {
    const trackingNumber = await applyViaApi(baseUrl());
    const typo = trackingNumber.slice(0, -1) + (trackingNumber.endsWith('2') ? '3' : '2');
    const page = await lookUp(visitor(language), language, typo, ELDER_ID);
    expect(page.field(s.track.trackingNumber).getAttribute('aria-invalid')).toBe('true');
    expect(page.text()).toContain(s.errors.track.checkCharacter);
  });

  it('lets the applicant withdraw after confirming, and then offers it no more', async () => {
    const trackingNumber = await applyViaApi(baseUrl());
    const reader = visitor(language);
    const result = await lookUp(reader, language, trackingNumber, ELDER_ID);
    const confirm = await result.press(s.track.withdrawButton);
    expect(confirm.h1).toBe(language.t(s.track.withdrawConfirmTitle, { trackingNumber }));
    const done = await confirm.press(s.track.withdrawConfirmYes);
    expect(done.role('status')).toBe(s.track.withdrawn);
    expect(done.hasExactText(s.case.state.withdrawn)).toBe(true);
    expect(done.hasExactText(s.case.event.withdraw)).toBe(true);
    expect(done.buttons(s.track.withdrawButton)).toHaveLength(0);
  });
});

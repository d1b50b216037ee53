/**
 * Buttons and links that say what they do: a "Start now" is a link, and says so (role="button" on a
 * link promised a Space key that only a button answers; GOV.UK's start button is a link); the
 * status link on a confirmation page carries the tracking number, so the status page opens with it
 * filled in (and the booked day reads "Wednesday 30 December 2026"); the button that withdraws an application is a warning button, not the green of going
 * ahead.
 */
import { describe, expect, it } from 'vitest';
import { ELDER_ID } from '../support/applications.ts';
import { draftCookie } from '../support/drafts.ts';
import { applyViaApi } from '../support/portal-api.ts';
import { LANGUAGES } from '../support/site.ts';
import { baseUrl, lookUp, visitor, workerPortal } from './support/portal.ts';

const TRACKING_NUMBER = '7KQ4-M9XH-2CP';
const submitted = { trackingNumber: TRACKING_NUMBER, acceptanceDue: null, smsTo: '139****5678' };

describe.each(LANGUAGES)('actions in $name', (language) => {
  const s = language.strings;

  it.each([
    { path: '/apply/old-age-allowance', button: () => s.application.start.button, next: '/apply/old-age-allowance/eligibility' },
    { path: '/book/marriage', button: () => s.booking.start.button, next: '/book/marriage/kind' },
  ])('the start page of $path starts with a plain link', async ({ path, button, next }) => {
    const page = await visitor(language).get(language.path(path));
    const start = page.link(button(), page.one('main'));
    expect(start.getAttribute('href')).toBe(language.path(next));
    expect(start.getAttribute('role')).toBeNull();
    expect(start.getAttribute('class')).toContain('button');
  });

  it('links the old-age allowance’s confirmation to the status page with its tracking number', async () => {
    const reader = visitor(language);
    const { name, value } = await draftCookie(workerPortal(), 'old-age-allowance', {}, submitted);
    reader.setCookie(name, value);
    const confirmation = await reader.get(language.path('/apply/old-age-allowance/confirmation'));
    expect(confirmation.h1).toBe(s.application.confirmation.title);
    const href = confirmation.hrefOf(s.application.confirmation.trackLink, confirmation.one('main'));
    expect(href).toBe(`${language.path('/track')}?number=${TRACKING_NUMBER}`);
    const status = await reader.get(href);
    expect(status.valueOf(s.track.trackingNumber)).toBe(TRACKING_NUMBER);
  });

  it('links the booking’s confirmation to the status page with its tracking number, and writes the day with its weekday in the language’s order', async () => {
    const reader = visitor(language);
    const answers = { kind: 'marriage', office: 'demo-county-registry', date: '2026-12-30', start: '09:00', end: '09:30' };
    const { name, value } = await draftCookie(workerPortal(), 'marriage-appointment', answers, submitted);
    reader.setCookie(name, value);
    const confirmation = await reader.get(language.path('/book/marriage/confirmation'));
    expect(confirmation.h1).toBe(s.booking.confirmation.title);
    // The day as each language writes it with its weekday (English once read "30 December 2026 Wednesday").
    expect(confirmation.text('[data-testid="appointment-time"]')).toContain(language.code === 'en' ? 'Wednesday 30 December 2026' : '2026年12月30日 星期三');
    expect(confirmation.hrefOf(s.booking.confirmation.trackLink, confirmation.one('main'))).toBe(`${language.path('/track')}?number=${TRACKING_NUMBER}`);
  });

  it('asks to confirm a withdrawal with a warning button, and going back with a secondary one', async () => {
    const trackingNumber = await applyViaApi(baseUrl());
    const result = await lookUp(visitor(language), language, trackingNumber, ELDER_ID);
    const confirm = await result.press(s.track.withdrawButton);
    const [yes] = confirm.buttons(s.track.withdrawConfirmYes);
    expect(yes?.getAttribute('class')?.split(/\s+/)).toEqual(['button', 'warning-button']);
    const [no] = confirm.buttons(s.track.withdrawConfirmNo);
    expect(no?.getAttribute('class')?.split(/\s+/)).toContain('secondary-button');
  });
});

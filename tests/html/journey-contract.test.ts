/**
 * The contract every journey's pages keep, generated from the journey's own definition (its steps
 * and fields as data, run by the journey engine: docs/decisions/028), so a new service gets it by adding a line to JOURNEYS, not by writing tests
 * page by page. For every step, in both languages, without JavaScript:
 *   - each field the definition lists is on the page: a control named by its path, with the id the
 *     error summary links to, a label (a text field) or a legend (a group of choices), and the
 *     choices the definition offers;
 *   - a form sent with every text field mistyped and no choice made comes back (422) with "Error:"
 *     in the title, an error summary whose every link leads to an element of the page, each
 *     message next to its field and read with it (aria-describedby), and every text kept as typed.
 * The steps are opened with a sealed draft holding a whole application, so every step is on its
 * route; the step-by-step behaviour of each journey is tested in its own file. Every journey here,
 * the marriage booking's office, day, time-slot and confirm-phones steps included, is rendered by
 * the one generic page (site/pages/apply/[service]/, docs/decisions/034), under the service's
 * public address.
 */
import { describe, expect, it } from 'vitest';
import type { JourneyPage } from '../../api/domain/journey.ts';
import { routeOf } from '../../api/engine/journey/journey.ts';
import { journeyService } from '../../site/lib/journey-services.ts';
import { ecoBurialAnswers, OLD_AGE_ALLOWANCE_ANSWERS, personId } from '../support/applications.ts';
import { draftCookie, JOURNEYS as DRAFT_JOURNEYS, type JourneyService } from '../support/drafts.ts';
import { bookableSlot } from '../support/portal-api.ts';
import { LANGUAGES, type Strings } from '../support/site.ts';
import { normalize, type HtmlPage } from './support/html-client.ts';
import { baseUrl, people, visitor, workerPortal } from './support/portal.ts';

interface JourneyUnderTest {
  service: JourneyService;
  /** The steps a whole application goes through, as the definition orders them. */
  steps: (answers: Record<string, string>) => readonly JourneyPage[];
  /** A whole application, as the draft keeps it, whose route passes every step. */
  answers: () => Promise<Record<string, string>>;
  title: (strings: Strings, step: string) => string;
}

const fieldId = (path: string) => path.replace(/\./g, '-');

/** A service of the generic pages, as they are told about it. */
function generic(name: string) {
  const service = journeyService(name);
  if (!service) throw new Error(`the generic pages know no service ${name}`);
  return service;
}

const JOURNEYS: JourneyUnderTest[] = [
  {
    service: 'old-age-allowance',
    // The generic pages' own definition (site/lib/journey-services.ts): what they render is what is checked.
    steps: (answers) => routeOf(generic('old-age-allowance').journey, answers),
    answers: async () => ({ ...OLD_AGE_ALLOWANCE_ANSWERS }),
    title: (s, step) => s.application.step[step as keyof Strings['application']['step']].title,
  },
  {
    service: 'marriage-appointment',
    // Its registration for the generic pages (api/services/marriage/pages.ts): the same journey they render.
    steps: (answers) => routeOf(generic('marriage-appointment').journey, answers),
    // Passports at the designated office: both people's birth-date pages are on the route.
    answers: async () => {
      const slot = await bookableSlot(baseUrl(), 'demo-district-registry');
      const n = people();
      return {
        kind: 'marriage',
        office: 'demo-district-registry',
        ...slot,
        'partyA.name': 'Max Müller',
        'partyA.idType': 'passport',
        'partyA.idNumber': `P${String(n).padStart(6, '0')}A`,
        'partyA.phone': '13900000001',
        'partyA.birthDate': '1990-01-01',
        'partyA.sex': 'male',
        'partyB.name': '李小红',
        'partyB.idType': 'resident-id',
        'partyB.idNumber': personId(n, 'female'),
        'partyB.phone': '13700000001',
        // Codes sent to both phones: the phones step asks for them (a code typed is refused as wrong or mistyped).
        'phoneCodeSent.partyA': JSON.stringify({ phone: '13900000001', expiresAt: '2099-01-01T00:00:00.000Z' }),
        'phoneCodeSent.partyB': JSON.stringify({ phone: '13700000001', expiresAt: '2099-01-01T00:00:00.000Z' }),
      };
    },
    title: (s, step) => s.booking.step[step as keyof Strings['booking']['step']].title,
  },
  {
    service: 'eco-burial-subsidy',
    // Its question pages; its upload pages post files, not fields (tests/html/eco-burial-subsidy.test.ts).
    steps: (answers) => routeOf(generic('eco-burial-subsidy').journey, answers).filter((step) => step.kind !== 'upload'),
    answers: async () => ecoBurialAnswers(people()),
    title: (s, step) => s.ecoBurial.step[step as keyof Strings['ecoBurial']['step']].title,
  },
];

/** The element an error's message should be read with: the control, or the group of choices. */
function describedElement(page: HtmlPage, path: string) {
  const control = page.one(`[name="${path}"]`);
  const type = control.getAttribute('type');
  return type === 'radio' || type === 'checkbox' ? (control.closest('fieldset') ?? control) : control;
}

describe.each(LANGUAGES)('every journey step’s contract, in $name', (language) => {
  const s = language.strings;
  for (const journey of JOURNEYS) {
    const base = DRAFT_JOURNEYS[journey.service].path;

    it(`${journey.service}: every step shows its fields as defined, and a bad form comes back with every message by its field and every text kept`, async () => {
      const answers = await journey.answers();
      const steps = journey.steps(answers);
      expect(steps.length).toBeGreaterThan(0);
      for (const step of steps) {
        const reader = visitor(language);
        const { name, value } = await draftCookie(workerPortal(), journey.service, answers);
        reader.setCookie(name, value);
        const page = await reader.get(language.path(`${base}/${step.step}`));
        const where = `${journey.service} ${step.step}`;
        expect(page.status, where).toBe(200);
        expect(page.h1, where).toBe(journey.title(s, step.step));

        for (const field of step.fields) {
          const controls = page.all(`[name="${field.path}"]`);
          expect(controls.length, `${where}: a control named ${field.path}`).toBeGreaterThan(0);
          expect(page.has(`#${fieldId(field.path)}`), `${where}: #${fieldId(field.path)} for the error summary`).toBe(true);
          if (field.control === 'text') {
            expect(page.has(`label[for="${fieldId(field.path)}"]`), `${where}: a label for ${field.path}`).toBe(true);
          } else {
            const legend = normalize(controls[0]?.closest('fieldset')?.querySelector('legend')?.textContent);
            expect(legend, `${where}: a legend for ${field.path}`).not.toBe('');
            if (field.options) expect(controls.map((control) => control.getAttribute('value')), `${where}: the choices of ${field.path}`).toEqual(field.options.map((option) => option.value));
          }
        }

        // Every text mistyped, no choice made.
        const form = page.form(s.application.continue);
        const body = new URLSearchParams();
        for (const field of step.fields) if (field.control === 'text') body.set(field.path, 'x');
        const refused = await reader.post(form.page.url, body);
        expect(refused.status, `${where}: a bad form is refused`).toBe(422);
        expect(refused.h1, where).toBe(journey.title(s, step.step));
        expect(refused.title.startsWith(s.errors.title), `${where}: "${s.errors.title}" in the title`).toBe(true);
        expect(refused.errorSummary.length, `${where}: an error summary`).toBeGreaterThan(0);
        for (const { href, text } of refused.errorSummary) {
          expect(href.startsWith('#') && refused.has(href), `${where}: the summary's "${text}" leads to ${href}`).toBe(true);
        }
        for (const field of step.fields) {
          const message = refused.errorFor(fieldId(field.path));
          if (message) {
            const describedBy = describedElement(refused, field.path).getAttribute('aria-describedby') ?? '';
            expect(describedBy.split(/\s+/), `${where}: the message of ${field.path} is read with it`).toContain(`${fieldId(field.path)}-error`);
          }
          if (field.control === 'text') expect(refused.one(`[name="${field.path}"]`).getAttribute('value') ?? refused.one(`[name="${field.path}"]`).textContent, `${where}: ${field.path} kept`).toBe('x');
        }
      }
    });
  }
});


describe.each(LANGUAGES)('a service with a public address of its own, in $name', (language) => {
  it('is served by the generic pages there (the booking at /book/marriage), and its /apply address sends the reader on to it', async () => {
    const reader = visitor(language);
    const service = generic('marriage-appointment');
    expect(service.path).toBe(DRAFT_JOURNEYS['marriage-appointment'].path);
    const start = await reader.get(language.path('/book/marriage'));
    expect(start.status).toBe(200);
    expect(start.h1).toBe(language.strings.booking.start.title);
    // Its links are built on the public address, never on /apply/marriage-appointment.
    expect(start.html).not.toContain('/apply/marriage-appointment');
    expect(start.hrefOf(language.strings.booking.start.button)).toBe(language.path('/book/marriage/kind'));
    for (const [from, to] of [
      ['/apply/marriage-appointment', '/book/marriage'],
      ['/apply/marriage-appointment/kind', '/book/marriage/kind'],
      ['/apply/marriage-appointment/confirmation', '/book/marriage/confirmation'],
    ] as const) {
      const moved = await reader.request(language.path(from));
      expect(moved.status, from).toBe(301);
      expect(moved.headers.get('location'), from).toBe(language.path(to));
    }
    // Its journey's pages and its downloads are rerouted, nothing else; a download is only for the holder of a booked draft.
    expect((await reader.request(language.path('/book/marriage/receipt'))).status).toBe(404);
    expect((await reader.request(language.path('/apply/marriage-appointment/download/no-such-file'))).status).toBe(404);
    expect((await reader.request(language.path('/book/marriage/no-such-step'))).status).toBe(404);
  });
});

/**
 * Choosing a registry office on the booking's office step, without JavaScript: one radio per
 * office, named by the office's name, with its address, opening hours, phone (a tel: link), a map
 * link that says it opens another website, and its access notes; an office designated for
 * 涉外、涉港澳台 registrations is marked as such; each radio is described by that mark, the address
 * and the opening hours. In both languages. (That the step fits a phone's screen is the browser
 * tier's.)
 */
import { describe, expect, it } from 'vitest';
import { DEMO_REGISTRY_OFFICES } from '../../api/services/marriage/offices.ts';
import { LANGUAGES, demoOffice, escapeRegExp, mapLinkName, type Language } from '../support/site.ts';
import { normalize, type Visitor } from './support/html-client.ts';
import { visitor } from './support/portal.ts';

/** Every demo office opens the same hours (as the formatter writes them), and follows the working-day calendar. */
const hours = (language: Language) => [language.code === 'zh-CN' ? '周一至周五 09:00–12:00，13:30–17:00' : 'Monday to Friday 09:00–12:00, 13:30–17:00', language.strings.openingHours.holidays];

async function officeStep(reader: Visitor, language: Language) {
  const s = language.strings;
  const start = await reader.get(language.path('/book/marriage'));
  const kind = await start.follow(s.booking.start.button);
  const page = await kind.form(s.application.continue).check(s.marriage.kind.marriage).submit();
  expect(page.h1).toBe(s.booking.step.office.title);
  return page;
}

describe.each(LANGUAGES)('the booking’s office step in $name', (language) => {
  const s = language.strings;

  it('shows each office’s address, opening hours, phone, map link and access notes under its name, and the one chosen is booked', async () => {
    const reader = visitor(language);
    const page = await officeStep(reader, language);
    expect(page.all('input[type="radio"]')).toHaveLength(DEMO_REGISTRY_OFFICES.length);
    const [firstLine = '', ...otherLines] = hours(language);
    for (const office of DEMO_REGISTRY_OFFICES) {
      const text = demoOffice(language, office.id);
      const radio = page.field(text.name);
      const choice = page.all('.office-choice').find((candidate) => candidate.contains(radio));
      if (!choice) throw new Error(`the radio of ${text.name} is not in an .office-choice`);
      const details = normalize(choice.textContent);
      expect(details).toContain(text.address);
      for (const line of [firstLine, ...otherLines]) expect(page.texts('.office-line', choice)).toContain(line);
      // What tells the offices apart while moving between radios: the address and the hours.
      expect(page.descriptionOf(radio)).toMatch(new RegExp(`${escapeRegExp(text.address)}.*${escapeRegExp(firstLine)}`));
      expect(page.hrefOf(office.phone, choice)).toBe(`tel:${office.phone.replaceAll('-', '')}`);
      expect(page.hrefOf(mapLinkName(language, text.name), choice)).toBe(office.mapUrl);
      expect(page.texts('.office-notes li', choice)).toEqual(text.accessibility);
      // Only the designated office says it registers foreigners and residents of Hong Kong, Macao and Taiwan.
      if (office.handlesForeign) {
        expect(details).toContain(s.booking.office.handlesForeign);
        expect(page.descriptionOf(radio)).toMatch(new RegExp(`^${escapeRegExp(s.booking.office.handlesForeign)}`));
      } else expect(details).not.toContain(s.booking.office.handlesForeign);
    }
    // The message for a document only designated offices take points at this mark.
    expect(s.errors.marriage.designatedOffice).toContain(s.booking.office.handlesForeign);

    const city = demoOffice(language, 'demo-city-north-registry');
    const dateStep = await page.form(s.application.continue).check(city.name).submit();
    expect(dateStep.h1).toBe(s.booking.step.date.title);
    const back = await dateStep.follow(s.application.back);
    expect(back.h1).toBe(s.booking.step.office.title);
    expect(back.isChecked(city.name)).toBe(true);
  });
});

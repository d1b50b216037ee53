/**
 * Booking with an ID document other than a resident ID card, without JavaScript: a passport or
 * travel permit makes the journey ask the person's birth date and sex (the number does not carry
 * them), such documents are registered only at a designated office, and the check page and the
 * status page name the document; in both languages.
 */
import { describe, expect, it } from 'vitest';
import { personId } from '../support/applications.ts';
import { LANGUAGES, sentence } from '../support/site.ts';
import { confirmPhones, label, person, trackingNumberOn, upToPeople } from './support/booking-pages.ts';
import { lookUp, people, visitor } from './support/portal.ts';

/** The demo office designated for registrations involving foreigners and Hong Kong, Macao and Taiwan residents. */
const DESIGNATED = 'demo-district-registry';

describe.each(LANGUAGES)('booking with another ID document in $name', (language) => {
  const s = language.strings;
  const e = s.errors.application;

  it('a passport holder gives their birth date and sex on a page of their own, and finds the appointment with the passport number', async () => {
    const n = people();
    const passport = `P${String(n).padStart(6, '0')}K`;
    const reader = visitor(language);
    const first = await upToPeople(reader, language, { office: DESIGNATED });
    const second = await person(first, language, 'partyA', '王小明', personId(n, 'male'), '13900014000');
    expect(second.h1).toBe(s.booking.step['party-b'].title);
    // A resident ID card is the document until another is chosen.
    expect(second.isChecked(s.identity.document['resident-id'])).toBe(true);
    const born = await person(second, language, 'partyB', 'Anna Schmidt', passport.toLowerCase(), '13700014000', s.identity.document.passport);

    expect(born.h1).toBe(s.booking.step['party-b-born'].title);
    const refused = await born.form(s.application.continue).fill(label(s.fields.partyB.birthDate), '1996年2月30日').submit();
    expect(refused.errorFor('partyB-birthDate')).toContain(sentence(language.t(e.birthDateInvalid, { field: s.fields.partyB.birthDate })));
    expect(refused.errorFor('partyB-sex')).toContain(language.t(e.sexRequired, { field: s.fields.partyB.sex }));
    expect(refused.valueOf(label(s.fields.partyB.birthDate))).toBe('1996年2月30日');
    const phonesStep = await refused.form(s.application.continue).fill(label(s.fields.partyB.birthDate), '1996年5月7日').check(s.identity.sex.female).submit();
    const check = await confirmPhones(phonesStep, language, { partyA: '13900014000', partyB: '13700014000' });

    expect(check.h1).toBe(s.booking.step.check.title);
    const answers = check.text('.check-answers');
    expect(answers).toContain(s.identity.document.passport);
    expect(answers).toContain(passport);
    expect(answers).toContain('1996-05-07');
    const confirmation = await check.press(s.booking.submit);
    expect(confirmation.h1).toBe(s.booking.confirmation.title);
    // What to bring names each person's document: the booking kept their kinds (never a number).
    const toBring = confirmation.text('[data-testid="what-to-bring"]');
    expect(toBring).toContain(language.t(s.booking.bring.document, { who: s.booking.bring.who.partyB, document: s.identity.document.passport }));
    expect(toBring).toContain(language.t(s.booking.bring.noSpouseProof, { who: s.booking.bring.who.partyB }));
    expect(toBring).not.toContain(passport);

    const result = await lookUp(reader, language, trackingNumberOn(confirmation), passport);
    expect(result.hasExactText(s.appointmentCase.state.booked)).toBe(true);
  });

  it('explains a document number in the wrong format, or a document this office does not take, and keeps what was typed', async () => {
    const n = people();
    const first = await upToPeople(visitor(language), language);
    const second = await person(first, language, 'partyA', '王小明', personId(n, 'male'), '13900014050');
    const wrongFormat = await person(second, language, 'partyB', '陈美玲', 'H1234', '13700014050', s.identity.document['hk-macao-permit']);
    expect(wrongFormat.errorFor('partyB-idNumber')).toContain(sentence(language.t(e.idNumberFormat['hk-macao-permit'], { field: s.fields.partyB.idNumber })));
    expect(wrongFormat.isChecked(s.identity.document['hk-macao-permit'])).toBe(true);
    expect(wrongFormat.valueOf(label(s.fields.partyB.name))).toBe('陈美玲');

    // A valid permit, but the county office is not designated: the message is on the document, nothing is booked.
    const notDesignated = await person(wrongFormat, language, 'partyB', '陈美玲', 'H12345678', '13700014050');
    expect(notDesignated.h1).toBe(s.booking.step['party-b'].title);
    expect(notDesignated.errorFor('partyB-idType')).toContain(s.errors.marriage.designatedOffice);
    expect(notDesignated.valueOf(label(s.fields.partyB.idNumber))).toBe('H12345678');
    expect(notDesignated.valueOf(label(s.fields.partyB.phone))).toBe('13700014050');
  });
});

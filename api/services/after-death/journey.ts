/**
 * 身后一件事's journey (docs/decisions/066), one short question page at a time, without JavaScript:
 * you (the agent), your phone confirmed by a code, the person who died, what to take care of (a tick per item), then only what
 * the items ticked need — the social security card's number, the heir's bank account — and check
 * and send. Pure.
 */
import { SEXES } from '../../domain/identity/person-fields.ts';
import type { FlatAnswers } from '../../domain/journey.ts';
import type { Condition } from '../../engine/journey/conditions.ts';
import { answersOnRoute, nestAnswers, type JourneyDefinition, type JourneyStepField } from '../../engine/journey/journey.ts';
import { HANDLER_CODE_SENT, HANDLER_PROOF, handlerPhone } from './handler-phone.ts';
import { AFTER_DEATH_ITEMS, HANDLER_RELATIONSHIPS, ITEM_IDS, type Need } from './items.ts';

export const AFTER_DEATH_SERVICE = 'after-death';

const W = 'after-death:afterDeath';

const text = (path: string, more: Partial<JourneyStepField> = {}): JourneyStepField => ({ path, control: 'text', autocomplete: 'off', ...more });
const radios = (path: string, values: readonly string[], words: string): JourneyStepField => ({ path, control: 'radios', options: values.map((value) => ({ value, label: `${W}.${words}.${value}` })) });

/** Asked when an item ticked needs it. */
const whenNeeded = (need: Need): Condition => ({ any: ITEM_IDS.filter((item) => (AFTER_DEATH_ITEMS[item].needs as readonly Need[]).includes(need)).map((item) => ({ field: `items.${item}`, is: 'yes' })) });

export const afterDeathJourney: JourneyDefinition = {
  service: AFTER_DEATH_SERVICE,
  steps: [
    {
      step: 'handler',
      fields: [
        text('handler.name', { autocomplete: 'name' }),
        radios('handler.sex', SEXES, 'sex'),
        text('handler.idNumber', { width: 'medium' }),
        text('handler.phone', { autocomplete: 'tel', inputmode: 'tel', width: 'medium' }),
        radios('handler.relationship', HANDLER_RELATIONSHIPS, 'relationship'),
        text('handler.address', { autocomplete: 'street-address' }),
      ],
    },
    // The handler's phone confirmed by a code before anything is sent to it (docs/decisions/019, 076): no JavaScript needed.
    { step: 'phones', kind: 'confirm-phones', fields: [] },
    {
      step: 'deceased',
      fields: [text('deceased.name'), radios('deceased.sex', SEXES, 'sex'), text('deceased.idNumber', { width: 'medium' }), text('deceased.diedOn', { width: 'medium' }), text('deceased.deathCertificateNumber', { width: 'medium' })],
    },
    // One box per item; at least one is ticked (the schema says so next to the first).
    { step: 'items', fields: ITEM_IDS.map((item) => ({ path: `items.${item}`, control: 'checkbox' as const, optional: true })) },
    { step: 'social-security', when: whenNeeded('socialSecurityCard'), fields: [text('deceased.socialSecurityCardNumber', { width: 'medium' })] },
    { step: 'account', when: whenNeeded('heirAccount'), fields: [text('account.bankName'), text('account.holder', { autocomplete: 'name' }), text('account.number', { inputmode: 'numeric' })] },
  ],
  // Another phone needs its own code: the one sent and the confirmation were for the old number.
  invalidates: { 'handler.phone': [HANDLER_CODE_SENT, HANDLER_PROOF] },
  // The same number typed with spaces or full-width digits is the same phone: its confirmation stays.
  sameAnswer: { 'handler.phone': (value) => handlerPhone({ 'handler.phone': value }) || value },
};

/** The answers the schema does not read: the phone's code sent and its confirmation (the proof goes beside the application). */
export const NOT_IN_APPLICATION = [HANDLER_CODE_SENT, HANDLER_PROOF];

/** The nested application the schema checks, from flat answers: only the steps asked; the ticks as a list; a blank optional answer left out. */
export function afterDeathApplicationFrom(answers: FlatAnswers): Record<string, unknown> {
  const asked = answersOnRoute(afterDeathJourney, answers);
  const items = ITEM_IDS.filter((item) => asked[`items.${item}`] === 'yes');
  const rest = Object.fromEntries(Object.entries(asked).filter(([key, value]) => !key.startsWith('items.') && !(key === 'deceased.socialSecurityCardNumber' && value === '')));
  const application = nestAnswers(afterDeathJourney, rest);
  application['items'] = items;
  return application;
}

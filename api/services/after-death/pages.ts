/**
 * What the generic question pages (site/pages/apply/[service]/, docs/decisions/028) need of
 * 身后一件事: its journey, the schema, its words' prefix and how its answers become the application;
 * the handler's phone confirmed on the confirm-phones page and its proof sent beside the application
 * (docs/decisions/076); and a confirmation that offers to continue each item applied for later, from
 * its draft prefilled with what the bundle holds.
 */
import type { FlatAnswers } from '../../domain/journey.ts';
import { dynamicKey, translator } from '../../i18n/index.ts';
import { PREFILLED, type ConfirmationBlock, type JourneyPages, type PageCall } from '../service-package.ts';
import type { AfterDeathApplication } from './application.schema.ts';
import { HANDLER, handlerPhoneRules, handlerProof } from './handler-phone.ts';
import { AFTER_DEATH_ITEMS, isLaterItem, ITEM_IDS } from './items.ts';
import { AFTER_DEATH_SERVICE, afterDeathApplicationFrom, afterDeathJourney, NOT_IN_APPLICATION } from './journey.ts';
import { afterDeathService } from './service.ts';

const W = 'after-death:afterDeath';

/** After the usual next steps, a form per item applied for later whose journey was prefilled: it opens that draft (site/pages/apply/continue.astro). */
async function confirmationBlocks(call: PageCall, kept: FlatAnswers): Promise<ConfirmationBlock[]> {
  const t = translator(call.lang);
  const prefilled = ITEM_IDS.filter(isLaterItem).filter((item) => kept[`${PREFILLED}${item}`] === 'yes');
  return [
    { kind: 'heading', text: t('after-death:afterDeath.confirmation.nextTitle') },
    { kind: 'paragraph', text: t('after-death:afterDeath.confirmation.afterAccept') },
    ...(prefilled.length > 0
      ? [
          { kind: 'heading', text: t('after-death:afterDeath.confirmation.continueTitle') } as const,
          { kind: 'paragraph', text: t('after-death:afterDeath.confirmation.continueLead') } as const,
          ...prefilled.map(
            (item): ConfirmationBlock => ({
              kind: 'form',
              path: '/apply/continue',
              fields: { from: AFTER_DEATH_SERVICE, item, service: AFTER_DEATH_ITEMS[item].service },
              button: t(dynamicKey`after-death:afterDeathCase.later.continue.${item}`),
              testId: `continue-${item}`,
            }),
          ),
        ]
      : []),
  ];
}

export const afterDeathPages: JourneyPages<AfterDeathApplication> = {
  service: AFTER_DEATH_SERVICE,
  journey: afterDeathJourney,
  messages: 'after-death:afterDeath',
  startNeeds: ['deceased', 'certificate', 'id', 'card', 'bank'],
  guide: 'basic-funeral-services',
  stepText: { items: 'after-death:afterDeath.itemsText' },
  checkboxLabels: Object.fromEntries(afterDeathJourney.steps.find((step) => step.step === 'items')?.fields.map((field) => [field.path, `${W}.itemLabel.${field.path.slice('items.'.length)}`]) ?? []),
  schema: (today, data) => afterDeathService.applicationSchema(today, data),
  fieldSchemas: {},
  notInSchema: NOT_IN_APPLICATION,
  applicationFrom: afterDeathApplicationFrom,
  answerRows: (application, lang, data) => afterDeathService.answerRows(application, lang, data),
  smsTo: (application) => application.handler.phone,
  // The proof of the handler's phone goes beside the application; the route refuses the bundle without it.
  sentWith: (answers, now) => ({ phoneProof: handlerProof(answers, now)?.proof ?? '' }),
  notices: { again: { key: `${W}.phones.again`, step: 'phones' } },
  // Only the confirm-phones kind of the booking step kinds: no office, day or time.
  booking: {
    offices: async () => [],
    days: async () => [],
    slots: async () => [],
    async stepProblems(call, step, answers) {
      const t = translator(call.lang);
      if (step === 'phones' && !handlerProof(answers, call.now)) return [{ field: `phoneCode.${HANDLER}`, message: t('errors.verification.proofMissing', { field: t('after-death:fields.handler.phone') }) }];
      return [];
    },
    phones: handlerPhoneRules,
  },
  confirmation: { blocks: confirmationBlocks, again: `${W}.confirmation.newApplication` },
};

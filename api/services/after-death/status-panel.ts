/**
 * The bundle's status panel (docs/decisions/066): the application's own panel, and under it every
 * part with its state and its own tracking number (each opens on the same page with the same
 * second factor); a part applied for later links to where it is applied for. A department that has
 * not answered — or cannot be reached just now — reads "pending": nothing is lost, staff follow up.
 */
import { dynamicKey } from '../../i18n/index.ts';
import { AFTER_DEATH_ITEMS, isLaterItem, ITEM_IDS } from './items.ts';
import { builtInApplicationPanel, type StatusAction, type StatusFacts, type StatusPanel } from '../status-panel.ts';

const C = 'after-death:afterDeathCase';

export const afterDeathPanel: StatusPanel = (progress, context, done) => {
  const base = builtInApplicationPanel()(progress, context, done);
  const { t } = context;
  const parts: StatusFacts = {
    heading: t('after-death:afterDeathCase.parts.heading'),
    facts: progress.parts.map((part) => ({
      label: t(dynamicKey`after-death:afterDeath.item.${part.item}`),
      value: t(dynamicKey`${C}.partStatus.${part.status}`),
      ...(part.trackingNumber || part.reason
        ? { note: [part.trackingNumber ? t('after-death:afterDeathCase.parts.number', { number: part.trackingNumber }) : '', part.reason ?? ''].filter(Boolean).join(t('punctuation.listSeparator')) }
        : {}),
      testId: `part-${part.item}`,
      valueTestId: `part-${part.item}-status`,
    })),
  };
  const later: StatusAction[] = progress.parts
    .filter((part) => part.status === 'to-apply' && part.applyPath)
    .map((part): StatusAction => {
      const heading = t(dynamicKey`after-death:afterDeath.item.${part.item}`);
      const hint = t(dynamicKey`${C}.later.${part.item}`);
      const item = ITEM_IDS.find((id) => id === part.item);
      // Its journey's draft, prefilled from the bundle, while it may be continued (docs/decisions/076): a form with the bundle's key, so only its applicant opens it.
      if (part.prefilled && item && isLaterItem(item))
        return {
          kind: 'form',
          id: `continue-${part.item}`,
          heading,
          hint: t('after-death:afterDeathCase.later.prefilled', { hint }),
          path: '/apply/continue',
          fields: { item, service: AFTER_DEATH_ITEMS[item].service },
          buttons: [{ label: t(dynamicKey`${C}.later.continue.${item}`), action: 'continue', style: 'primary' }],
        };
      // Lapsed, sent, or never prefilled: the journey as before.
      return { kind: 'link', id: `apply-${part.item}`, heading, hint, label: t(dynamicKey`${C}.later.apply.${part.item}`), href: context.href(part.applyPath ?? '/') };
    });
  return { ...base, details: [parts, ...base.details], actions: [...base.actions, ...later] };
};

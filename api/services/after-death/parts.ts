/**
 * The fan-out rule of 身后一件事 (docs/decisions/066): which part each ticked item becomes, and what
 * of the form it carries — the deceased's identity always (ID number and death certificate
 * together), and beyond it only what the item needs (items.ts). Pure; the engine writes the parts
 * (api/engine/bundles/fan-out.ts).
 */
import type { BundleContext, BundlePart } from '../../engine/bundles/bundle.ts';
import { LATER_DRAFTS } from './later-drafts.ts';
import type { AfterDeathApplication } from './application.schema.ts';
import { AFTER_DEATH_ITEMS, isDepartmentItem, isLaterItem, ITEM_IDS, partServiceId, type AfterDeathItem, type Need } from './items.ts';
import type { AllowanceStopPart, DepartmentPart } from './part-application.schema.ts';

const needs = (item: AfterDeathItem, need: Need): boolean => (AFTER_DEATH_ITEMS[item].needs as readonly Need[]).includes(need);

/** A department's part: the deceased's identity, and the agent, card and account where the item needs them. */
export function departmentPart(item: Extract<AfterDeathItem, DepartmentPart['item']>, application: AfterDeathApplication): DepartmentPart {
  const { deceased, handler, account } = application;
  return {
    item,
    deceased: {
      name: deceased.name,
      idNumber: deceased.idNumber,
      diedOn: deceased.diedOn,
      deathCertificateNumber: deceased.deathCertificateNumber,
      ...(needs(item, 'deceasedSex') ? { sex: deceased.sex } : {}),
      ...(needs(item, 'socialSecurityCard') && deceased.socialSecurityCardNumber ? { socialSecurityCardNumber: deceased.socialSecurityCardNumber } : {}),
    },
    handler: { name: handler.name, phone: handler.phone, relationship: handler.relationship, ...(needs(item, 'handlerId') ? { idNumber: handler.idNumber } : {}) },
    ...(needs(item, 'heirAccount') && account ? { account } : {}),
  };
}

export function allowanceStopPart(application: AfterDeathApplication): AllowanceStopPart {
  const { name, idNumber, diedOn, deathCertificateNumber } = application.deceased;
  return { deceased: { name, idNumber, diedOn, deathCertificateNumber } };
}

/**
 * The parts of an application, in the items' order (the status page's). An item applied for later
 * comes with its journey's draft, prefilled by its mapping (later-drafts.ts, docs/decisions/076).
 */
export function afterDeathParts(application: AfterDeathApplication, context: BundleContext = {}): BundlePart[] {
  return ITEM_IDS.filter((item) => application.items.includes(item)).map((item): BundlePart => {
    if (isLaterItem(item)) {
      const definition = AFTER_DEATH_ITEMS[item];
      return { item, kind: 'later', applyPath: definition.applyPath, draft: { service: definition.service, answers: LATER_DRAFTS[item](application, context) } };
    }
    if (isDepartmentItem(item)) return { item, kind: 'case', service: partServiceId(item), application: departmentPart(item, application) };
    // The one item the portal runs itself now (items.ts): the allowances stopped, with staff.
    return { item, kind: 'case', service: partServiceId('allowance-stop'), application: allowanceStopPart(application) };
  });
}

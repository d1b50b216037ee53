/**
 * The message namespaces (docs/decisions/038): `common`, the portal's own words, and one per built-in
 * service, named by its folder, holding that service's words (its pages, its fields and errors, and
 * its cases' names, states, events, staff actions and next steps). A key in a service's namespace is
 * written `<namespace>:<key>` (i18next's namespace separator); a key without one is common's.
 * A service given to the portal at start adds its own namespace, named by its id (../index.ts addMessages).
 */
import { afterDeathEn } from '../../services/after-death/messages/en.ts';
import { afterDeathZhCN } from '../../services/after-death/messages/zh-CN.ts';
import { ecoBurialSubsidyEn } from '../../services/eco-burial-subsidy/messages/en.ts';
import { ecoBurialSubsidyZhCN } from '../../services/eco-burial-subsidy/messages/zh-CN.ts';
import { marriageEn } from '../../services/marriage/messages/en.ts';
import { marriageZhCN } from '../../services/marriage/messages/zh-CN.ts';
import { oldAgeAllowanceEn } from '../../services/old-age-allowance/messages/en.ts';
import { oldAgeAllowanceZhCN } from '../../services/old-age-allowance/messages/zh-CN.ts';
import { socialReliefEn } from '../../services/social-relief/messages/en.ts';
import { socialReliefZhCN } from '../../services/social-relief/messages/zh-CN.ts';
import { funeralEn } from '../../services/funeral/messages/en.ts';
import { funeralZhCN } from '../../services/funeral/messages/zh-CN.ts';
import { publicCemeteryEn } from '../../services/public-cemetery/messages/en.ts';
import { publicCemeteryZhCN } from '../../services/public-cemetery/messages/zh-CN.ts';
import { funeralBookingEn } from '../../services/funeral-booking/messages/en.ts';
import { funeralBookingZhCN } from '../../services/funeral-booking/messages/zh-CN.ts';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

export const DEFAULT_NAMESPACE = 'common';

/** Each namespace's words in the source language, zh-CN: what keys are typed against (../message-keys.ts). */
export const zhCNNamespaces = {
  common: zhCN,
  'old-age-allowance': oldAgeAllowanceZhCN,
  marriage: marriageZhCN,
  'social-relief': socialReliefZhCN,
  funeral: funeralZhCN,
  'eco-burial-subsidy': ecoBurialSubsidyZhCN,
  'after-death': afterDeathZhCN,
  'public-cemetery': publicCemeteryZhCN,
  'funeral-booking': funeralBookingZhCN,
} as const;

/** The same namespaces in English (each typed against its zh-CN tree where it is written). */
export const enNamespaces: { readonly [N in keyof typeof zhCNNamespaces]: object } = {
  common: en,
  'old-age-allowance': oldAgeAllowanceEn,
  marriage: marriageEn,
  'social-relief': socialReliefEn,
  funeral: funeralEn,
  'eco-burial-subsidy': ecoBurialSubsidyEn,
  'after-death': afterDeathEn,
  'public-cemetery': publicCemeteryEn,
  'funeral-booking': funeralBookingEn,
};

export type Namespaces = typeof zhCNNamespaces;
export type Namespace = keyof Namespaces;
export const NAMESPACES = Object.keys(zhCNNamespaces) as Namespace[];
/** The built-in services' namespaces (every one but common). */
export type ServiceNamespace = Exclude<Namespace, typeof DEFAULT_NAMESPACE>;

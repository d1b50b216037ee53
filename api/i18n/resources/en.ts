/**
 * The portal's common words in English: the same keys as zh-CN.ts (TypeScript rejects a missing or
 * extra key), from the same parts (./en/*.ts). Each service's own words are in its folder
 * (api/services/<service>/messages/en.ts).
 */
import { mergeMessages } from './merge.ts';
import { casesEn } from './en/cases.ts';
import { errorsEn } from './en/errors.ts';
import { draftsEn } from './en/drafts.ts';
import type { SameKeys } from './shape.ts';
import { siteEn } from './en/site.ts';
import { staffEn } from './en/staff.ts';
import { ratingsEn } from './en/ratings.ts';
import { dashboardEn } from './en/dashboard.ts';
import { funeralRulesEn } from './en/funeral.ts';
import { cemeteryCommonEn } from './en/cemetery.ts';
import { linkChecksEn } from './en/link-checks.ts';
import type { zhCN } from './zh-CN.ts';

export const en: SameKeys<typeof zhCN> = mergeMessages(siteEn, errorsEn, draftsEn, staffEn, casesEn, ratingsEn, dashboardEn, funeralRulesEn, linkChecksEn, cemeteryCommonEn);

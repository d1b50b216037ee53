/**
 * The portal's common words in Simplified Chinese (the `common` namespace, docs/decisions/038): the
 * pages' chrome, shared fields and errors, drafts, the workbench and the status page, written in
 * parts (./zh-CN/*.ts) and merged here. Each service's own words are its own namespace, in its folder
 * (api/services/<service>/messages/zh-CN.ts; ./namespaces.ts lists them). en.ts mirrors these keys.
 */
import { mergeMessages } from './merge.ts';
import { casesZhCN } from './zh-CN/cases.ts';
import { errorsZhCN } from './zh-CN/errors.ts';
import { draftsZhCN } from './zh-CN/drafts.ts';
import { siteZhCN } from './zh-CN/site.ts';
import { staffZhCN } from './zh-CN/staff.ts';
import { ratingsZhCN } from './zh-CN/ratings.ts';
import { dashboardZhCN } from './zh-CN/dashboard.ts';
import { funeralRulesZhCN } from './zh-CN/funeral.ts';
import { cemeteryCommonZhCN } from './zh-CN/cemetery.ts';
import { linkChecksZhCN } from './zh-CN/link-checks.ts';

export const zhCN = mergeMessages(siteZhCN, errorsZhCN, draftsZhCN, staffZhCN, casesZhCN, ratingsZhCN, dashboardZhCN, funeralRulesZhCN, linkChecksZhCN, cemeteryCommonZhCN);

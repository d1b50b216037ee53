/**
 * The source of every string a person reads, in Simplified Chinese: the portal's pages
 * (./zh-CN/*.ts) and each service's own words (api/services/<service>/messages/zh-CN.ts), merged
 * under the keys the pages use. en.ts mirrors these keys.
 */
import { marriageZhCN } from '../../services/marriage/messages/zh-CN.ts';
import { oldAgeAllowanceZhCN } from '../../services/old-age-allowance/messages/zh-CN.ts';
import { mergeMessages } from './merge.ts';
import { casesZhCN } from './zh-CN/cases.ts';
import { errorsZhCN } from './zh-CN/errors.ts';
import { draftsZhCN } from './zh-CN/drafts.ts';
import { siteZhCN } from './zh-CN/site.ts';
import { staffZhCN } from './zh-CN/staff.ts';

export const zhCN = mergeMessages(siteZhCN, errorsZhCN, draftsZhCN, staffZhCN, casesZhCN, oldAgeAllowanceZhCN, marriageZhCN);

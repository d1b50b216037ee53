/** The same keys as ./application.zh-CN.ts, in English. */
import type { SameKeys } from '../../../i18n/resources/shape.ts';
import type { applicationZhCN } from './application.zh-CN.ts';

export const applicationEn: SameKeys<typeof applicationZhCN> = {};

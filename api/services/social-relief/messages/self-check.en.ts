/** The same keys as ./self-check.zh-CN.ts, in English. */
import type { SameKeys } from '../../../i18n/resources/shape.ts';
import type { selfCheckZhCN } from './self-check.zh-CN.ts';

export const selfCheckEn: SameKeys<typeof selfCheckZhCN> = {};

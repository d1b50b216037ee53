/** The same keys as ./cases.zh-CN.ts, in English. */
import type { SameKeys } from '../../../i18n/resources/shape.ts';
import type { casesZhCN } from './cases.zh-CN.ts';

const placeholder = (name: string) => ({
  name,
  state: { submitted: 'Submitted', accepted: 'Accepted', 'not-accepted': 'Not accepted', withdrawn: 'Withdrawn' },
  event: { submit: 'Application submitted', accept: 'Accepted', 'not-accept': 'Not accepted', withdraw: 'Withdrawn' },
  action: { accept: 'Accept', 'not-accept': 'Do not accept' },
  next: { submitted: 'Your street office or township will accept your application.', accepted: 'Staff will visit your home to understand your situation.' },
});

export const casesEn: SameKeys<typeof casesZhCN> = {
  dibao: { case: placeholder('Minimum living allowance (dibao)') },
  tekun: { case: placeholder('Support for people in extreme poverty') },
  temporary: { case: placeholder('Temporary assistance') },
};

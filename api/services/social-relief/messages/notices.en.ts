/** The same keys as ./notices.zh-CN.ts, in English. */
import type { SameKeys } from '../../../i18n/resources/shape.ts';
import type { noticesZhCN } from './notices.zh-CN.ts';

export const noticesEn: SameKeys<typeof noticesZhCN> = {
  index: {
    title: 'Village and community notice boards',
    lead: 'Applications for dibao, extreme poverty support and temporary assistance are put on public notice in the applicant’s village or community. Choose your village or community.',
    district: '{{district}}',
    township: '{{township}}',
  },
  community: {
    title: '{{community}} notice board',
    lead: 'Public notices of {{community}}, {{township}}, {{district}}. Only households whose notice is up now are listed.',
    notice: 'Public notice: applications for help',
    noticeHint: 'While a notice is up, you can comment on any household.',
    announcement: 'Announcements: help approved',
    announcementHint: 'Households whose help was approved.',
    allCommunities: 'Other villages and communities',
  },
  list: {
    notice: {
      title: '{{community}}: applications on public notice',
      lead: 'These households have applied for help and are on public notice. To protect their privacy, only part of the name, the household size, the kind of help and the amount are shown.',
      empty: 'No application is on public notice in {{community}} now.',
    },
    announcement: {
      title: '{{community}}: help approved',
      lead: 'These households were approved for help. To protect their privacy, only part of the name, the household size, the kind of help and the amount are shown.',
      empty: 'No approved help is announced in {{community}} now.',
    },
    caption: '{{community}}, {{today}}',
    name: 'Applicant',
    householdSize: 'Household',
    kind: 'Kind of help',
    amount: 'Amount',
    period: 'On notice',
    shownUntil: 'Shown until',
    persons_one: '{{count}} person',
    persons_other: '{{count}} people',
    noAmount: '—',
    dates: '{{from}} to {{to}}',
    object: 'Comment',
    objectNamed: 'Comment on the household of {{name}}',
    back: 'Back to the {{community}} notice board',
  },
  howToObject: {
    title: 'How to comment',
    text: 'If you know that a household’s situation is not as its application says, tell us by the last day of its notice: choose “Comment”. You do not have to give your name.',
    office: 'You can also tell the civil affairs office of {{township}} in person. Staff check every comment, and keep the name of whoever made it to themselves.',
  },
  object: {
    title: 'Comment on a public notice',
    lead: 'What do you want to tell us about this household’s application? Tell us what you know.',
    entry: '{{name}}, {{count}} in the household, {{kind}}, {{amount}}',
    lastDay: 'This household’s notice is up until {{day}}: comment by then.',
    textHint: 'Say what you know, for example about the household’s income, home or vehicles. Do not write about other people.',
    nameHint: 'You do not have to give it.',
    contactHint: 'You do not have to give it. A mobile number or another way to reach you helps staff if they need to ask you something.',
    privacy: 'Your comment goes only to the staff handling this application. It is not published, and the applicant is not told who made it.',
    submit: 'Send comment',
  },
  thanks: {
    title: 'Thank you, we have your comment',
    text: 'Staff will check what you told us. If you left a way to reach you, they may contact you.',
    back: 'Back to the {{community}} notice board',
  },
  ended: {
    title: 'This notice has ended',
  },
};

/**
 * Search as people speak (issue 12, item 8): the guides in content/guides, indexed exactly as the
 * published catalogue indexes them, asked what callers to the hotline and people on forums ask,
 * each with the guide that must come first. The queries are written from the asking, not from the
 * titles; the misses of the walkthrough are marked.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readGuideDirectory } from '../../api/content/guide-directory.ts';
import { guideSearchDocument, renderGuideBody } from '../../api/domain/guides/guide-text.ts';
import { buildGuideSearchIndex, type GuideSearchIndex } from '../../api/domain/search/guide-search.ts';

type Slug =
  | 'minimum-living-allowance' | 'temporary-assistance' | 'extreme-poverty-support' | 'disability-subsidies'
  | 'old-age-allowance' | 'basic-funeral-services' | 'funeral-fee-exemption' | 'eco-burial-subsidy'
  | 'public-cemetery-burial' | 'marriage-registration' | 'divorce-registration' | 'marriage-certificate-reissue';

/** [what is typed, the guide that must come first] */
const CHINESE: [string, Slug][] = [
  // hardship (穷、没钱、吃不上饭)
  ['救济', 'minimum-living-allowance'], // walkthrough: found nothing
  ['穷', 'minimum-living-allowance'], // walkthrough: found nothing
  ['吃不上饭', 'minimum-living-allowance'], // walkthrough: found nothing
  ['没钱', 'minimum-living-allowance'], // walkthrough: found only 临时救助
  ['家里揭不开锅了怎么办', 'minimum-living-allowance'],
  ['我很穷', 'minimum-living-allowance'],
  ['没钱吃饭怎么办', 'minimum-living-allowance'],
  ['家里穷得过不下去了', 'minimum-living-allowance'],
  ['失业了没收入怎么办', 'minimum-living-allowance'],
  ['生活困难找谁', 'minimum-living-allowance'],
  ['哪里可以申请救济', 'minimum-living-allowance'],
  ['政府救济金怎么领', 'minimum-living-allowance'],
  ['收入太低能领补助吗', 'minimum-living-allowance'],
  ['一家人吃不起饭', 'minimum-living-allowance'],
  // a sudden blow, illness
  ['家里着火了', 'temporary-assistance'],
  ['出了车祸急用钱', 'temporary-assistance'],
  ['得了大病没钱治', 'temporary-assistance'],
  ['看不起病', 'temporary-assistance'],
  ['住院没钱怎么办', 'temporary-assistance'],
  ['交不起医药费', 'temporary-assistance'],
  ['孩子上不起学', 'temporary-assistance'],
  ['在外地身上没钱回不了家', 'temporary-assistance'],
  ['得了癌症家里困难', 'temporary-assistance'],
  // nobody to rely on
  ['老了没人养', 'extreme-poverty-support'],
  ['无儿无女的老人怎么办', 'extreme-poverty-support'],
  ['孤儿谁来管', 'extreme-poverty-support'],
  ['想住敬老院', 'extreme-poverty-support'],
  ['丧失劳动能力没人养', 'extreme-poverty-support'],
  // disability
  ['残疾证能领什么钱', 'disability-subsidies'],
  ['残疾人有什么补贴', 'disability-subsidies'],
  ['瘫痪在床需要人照顾', 'disability-subsidies'],
  ['孩子是智障能领补贴吗', 'disability-subsidies'],
  ['坐轮椅的有补助吗', 'disability-subsidies'],
  ['残废了能领钱吗', 'disability-subsidies'],
  // old age
  ['80岁老人有补贴吗', 'old-age-allowance'],
  ['老人每月领钱', 'old-age-allowance'],
  ['爷爷九十岁了有什么补助', 'old-age-allowance'],
  ['年纪大了有没有补贴', 'old-age-allowance'],
  // a death
  ['人死了', 'basic-funeral-services'], // walkthrough: found nothing
  ['家里有人去世', 'basic-funeral-services'], // walkthrough: the disability subsidies came first
  ['家裡有人去世', 'basic-funeral-services'], // traditional characters
  ['老人走了', 'basic-funeral-services'],
  ['人死了怎么办', 'basic-funeral-services'],
  ['爸爸去世了要办什么', 'basic-funeral-services'],
  ['老人在家里过世了', 'basic-funeral-services'],
  ['死亡证明去哪开', 'basic-funeral-services'],
  ['怎么料理后事', 'basic-funeral-services'],
  ['办白事找谁', 'basic-funeral-services'],
  ['火化不要钱吗', 'funeral-fee-exemption'],
  ['没钱办丧事', 'funeral-fee-exemption'],
  ['低保户去世了火化费能免吗', 'funeral-fee-exemption'],
  ['骨灰撒到海里有钱拿吗', 'eco-burial-subsidy'],
  ['撒骨灰', 'eco-burial-subsidy'],
  ['不留坟头有补贴吗', 'eco-burial-subsidy'],
  ['买墓地', 'public-cemetery-burial'],
  ['墓地太贵了', 'public-cemetery-burial'],
  ['骨灰埋哪里', 'public-cemetery-burial'],
  // marriage
  ['领结婚证', 'marriage-registration'], // walkthrough: the certificate reissue came first
  ['领证', 'marriage-registration'],
  ['扯证', 'marriage-registration'],
  ['领证要带什么', 'marriage-registration'],
  ['要结婚了去哪办', 'marriage-registration'],
  ['领证需要户口本吗', 'marriage-registration'],
  ['和外国人结婚', 'marriage-registration'],
  ['想离婚', 'divorce-registration'],
  ['离婚要带什么', 'divorce-registration'],
  ['冷静期内不想离了', 'divorce-registration'],
  ['跟老公过不下去了', 'divorce-registration'],
  ['离婚回执丢了', 'divorce-registration'],
  ['结婚证丢了', 'marriage-certificate-reissue'],
  ['结婚证找不到了怎么补', 'marriage-certificate-reissue'],
  ['离婚证不见了', 'marriage-certificate-reissue'],
  ['结婚证上名字错了', 'marriage-certificate-reissue'],
];

const ENGLISH: [string, Slug][] = [
  ['I have no money', 'minimum-living-allowance'],
  ["can't afford food", 'minimum-living-allowance'],
  ['we are poor', 'minimum-living-allowance'],
  ['lost my job and have no income', 'minimum-living-allowance'],
  ['welfare', 'minimum-living-allowance'],
  ['our house burned down', 'temporary-assistance'],
  ["can't pay medical bills", 'temporary-assistance'],
  ['stranded with no money', 'temporary-assistance'],
  ['no one to look after me', 'extreme-poverty-support'],
  ['elderly living alone with no children', 'extreme-poverty-support'],
  ['my son is disabled', 'disability-subsidies'],
  ['wheelchair user', 'disability-subsidies'],
  ['my grandma is 90 years old', 'old-age-allowance'],
  ['money for old people', 'old-age-allowance'],
  ['my father died', 'basic-funeral-services'],
  ['someone died what do I do', 'basic-funeral-services'],
  ['mum passed away', 'basic-funeral-services'],
  ["can't afford a funeral", 'funeral-fee-exemption'],
  ['help with funeral costs', 'funeral-fee-exemption'],
  ['scatter the ashes at sea', 'eco-burial-subsidy'],
  ['where to bury ashes', 'public-cemetery-burial'],
  ['we want to get married', 'marriage-registration'],
  ['marriage licence', 'marriage-registration'],
  ['lost my marriage certificate', 'marriage-certificate-reissue'],
  ['I want a divorce', 'divorce-registration'],
  ['we split up', 'divorce-registration'],
];

let index: GuideSearchIndex;
let slugs: string[];

beforeAll(async () => {
  const { guides, problems } = await readGuideDirectory(new URL('../../content/guides/', import.meta.url));
  expect(problems).toEqual([]);
  index = buildGuideSearchIndex(guides.map((guide) => guideSearchDocument(guide.frontmatter, guide.lang, renderGuideBody(guide.body))));
  slugs = [...new Set(guides.map((guide) => guide.frontmatter.slug))];
});

describe('search by everyday words, over the guides as published', () => {
  it('has at least 60 Chinese and 20 English queries, and some query finds each guide first in each language', () => {
    expect(CHINESE.length).toBeGreaterThanOrEqual(60);
    expect(ENGLISH.length).toBeGreaterThanOrEqual(20);
    expect(new Set(CHINESE.map(([, slug]) => slug))).toEqual(new Set(slugs));
    expect(new Set(ENGLISH.map(([, slug]) => slug))).toEqual(new Set(slugs));
  });

  it.each(CHINESE)('%s → %s', (query, slug) => {
    expect(index.search(query, 'zh-CN')[0]?.slug).toBe(slug);
  });

  it.each(ENGLISH)('%s → %s', (query, slug) => {
    expect(index.search(query, 'en')[0]?.slug).toBe(slug);
  });
});

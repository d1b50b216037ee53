import { describe, expect, it } from 'vitest';
import { normalizeForSearch } from '../../api/domain/search/normalize.ts';
import {
  buildGuideSearchIndex,
  buildGuideSearchIndexInSteps,
  type HighlightRange,
  type SearchDocument,
} from '../../api/domain/search/guide-search.ts';

const zhGuides: SearchDocument[] = [
  {
    slug: 'minimum-living-allowance',
    lang: 'zh-CN',
    title: '最低生活保障',
    aliases: ['低保', '吃低保'],
    phrases: [],
    summary: '家庭人均收入低于当地低保标准、且家庭财产符合规定的，可以申请最低生活保障金。',
    text:
      '申请条件 共同生活的家庭成员人均收入低于当地最低生活保障标准。申请材料 身份证、户口簿、家庭收入情况声明。' +
      '办理流程 向户籍所在地乡镇人民政府（街道办事处）提出申请，经家庭经济状况核对、入户调查、民主评议、公示后审批。' +
      '低保金按月发放到本人社会保障卡。办理时限 自受理之日起30个工作日内办结。',
  },
  {
    slug: 'divorce-registration',
    lang: 'zh-CN',
    title: '离婚登记',
    aliases: ['协议离婚', '冷静期'],
    phrases: [],
    summary: '自愿离婚并对子女抚养、财产分割达成协议的夫妻，双方共同到婚姻登记机关申请离婚登记。',
    text:
      '申请材料 双方户口簿、身份证、结婚证，双方共同签署的离婚协议书。办理流程 申请、受理、冷静期、审查、登记。' +
      '自婚姻登记机关收到离婚登记申请之日起三十日内，任何一方不愿意离婚的，可以撤回申请。' +
      '冷静期届满后三十日内，双方应当亲自到婚姻登记机关申请发给离婚证。',
  },
  {
    slug: 'marriage-registration',
    lang: 'zh-CN',
    title: '结婚登记',
    aliases: ['领证', '登记结婚'],
    phrases: [],
    summary: '要求结婚的男女双方，应当亲自到婚姻登记机关申请结婚登记，符合条件的当场发给结婚证。',
    text:
      '申请条件 男年满二十二周岁，女年满二十周岁，双方均无配偶，没有直系血亲和三代以内旁系血亲关系。' +
      '申请材料 本人户口簿、身份证，本人无配偶以及与对方没有直系血亲和三代以内旁系血亲关系的签字声明，' +
      '近期半身免冠合影照片两张。全国已推行婚姻登记跨省通办。',
  },
  {
    slug: 'basic-funeral-services',
    lang: 'zh-CN',
    title: '基本殡葬服务',
    aliases: ['火化', '殡仪馆', '遗体接运'],
    phrases: [],
    summary: '户籍居民去世后，由殡仪馆提供遗体接运、暂存、火化、骨灰寄存等基本殡葬服务，相关费用按规定减免。',
    text:
      '办理流程 家属凭居民死亡医学证明（推断）书联系殡仪馆预约遗体接运。遗体运至殡仪馆后办理火化手续，' +
      '火化后领取火化证明。减免对象 城乡低保对象、特困人员的基本殡葬服务费用全额减免。所需材料 死者身份证、经办人身份证。',
  },
  {
    slug: 'eco-burial-subsidy',
    lang: 'zh-CN',
    title: '生态安葬奖补',
    aliases: ['海葬', '树葬'],
    phrases: [],
    summary: '选择骨灰撒海、树葬、花葬、草坪葬等不保留坟头的生态安葬方式的，给予一次性奖励补贴。',
    text:
      '补贴标准 骨灰撒海每具补贴{{ex:3000}}元，树葬、花葬每具补贴{{ex:2000}}元。申请材料 火化证明、安葬证明、' +
      '申请人身份证及银行账户。办理流程 安葬后一年内向殡葬管理所提出申请，审核通过后发放补贴。',
  },
  {
    slug: 'senior-allowance',
    lang: 'zh-CN',
    title: '高龄津贴',
    aliases: ['老年津贴'],
    phrases: [],
    summary: '年满80周岁的本地户籍老年人，按月领取高龄津贴，年龄越大标准越高。',
    text:
      '申请条件 具有本地户籍，年满80周岁。补贴标准 80至89周岁每人每月{{ex:100}}元，90至99周岁每人每月{{ex:300}}元。' +
      '申请材料 身份证、户口簿、本人银行账户。养老服务机构入住的老年人同样可以申请。',
  },
];

const enGuides: SearchDocument[] = [
  {
    slug: 'minimum-living-allowance',
    lang: 'en',
    title: 'Minimum living allowance',
    aliases: ['dibao', 'subsistence allowance'],
    phrases: [],
    summary:
      'Households whose income per person is below the local minimum living standard can apply for a monthly allowance.',
    text:
      'Eligibility: the average income of family members living together is below the local standard. ' +
      'Documents: ID cards, household register, a statement of family income. ' +
      'Steps: apply to the township government or sub-district office of your registered residence; ' +
      'the office checks income and assets, visits the home and publishes the list before approval. ' +
      'The allowance is paid monthly to your social security card.',
  },
  {
    slug: 'divorce-registration',
    lang: 'en',
    title: 'Divorce registration',
    aliases: ['divorce by agreement', 'cooling-off period'],
    phrases: [],
    summary:
      'A married couple who agree to divorce and have settled child custody and property apply together at the marriage registry.',
    text:
      'Documents: both household registers, ID cards, the marriage certificate and a signed divorce agreement. ' +
      'Steps: application, acceptance, a 30-day cooling-off period, review, registration. ' +
      'Within 30 days after the cooling-off period ends, both spouses must come in person to receive the divorce certificates.',
  },
  {
    slug: 'marriage-registration',
    lang: 'en',
    title: 'Marriage registration',
    aliases: ['getting married', 'marriage certificate'],
    phrases: [],
    summary: 'A man and a woman who wish to marry register in person together at a marriage registry.',
    text:
      'Eligibility: the man is at least 22 and the woman at least 20, neither is already married, ' +
      'and they are not closely related by blood. Documents: household registers, ID cards, a signed declaration ' +
      'and two recent photos of the couple.',
  },
  {
    slug: 'basic-funeral-services',
    lang: 'en',
    title: 'Basic funeral services',
    aliases: ['cremation', 'funeral home', 'body transport'],
    phrases: [],
    summary:
      'After a resident dies, the funeral home transports and keeps the body, carries out the cremation and stores the ashes; fees are waived or reduced.',
    text:
      'Steps: with the medical certificate of death, the family books body transport with the funeral home. ' +
      'After the cremation the family receives a cremation certificate. ' +
      'Fee waivers: basic funeral service fees are waived in full for minimum living allowance recipients.',
  },
  {
    slug: 'eco-burial-subsidy',
    lang: 'en',
    title: 'Eco-burial subsidy',
    aliases: ['sea burial', 'tree burial'],
    phrases: [],
    summary:
      'Families who choose burials that leave no grave mound, such as scattering ashes at sea or tree and flower burials, receive a one-off subsidy.',
    text:
      'Amount: {{ex:3000}} yuan for scattering at sea, {{ex:2000}} yuan for tree or flower burials. ' +
      'Documents: the cremation certificate, a burial certificate, the applicant\'s ID card and bank account. ' +
      'Apply to the funeral administration office within one year of the burial.',
  },
  {
    slug: 'senior-allowance',
    lang: 'en',
    title: 'Old-age allowance',
    aliases: ['senior allowance', 'allowances for the elderly'],
    phrases: [],
    summary: 'Residents aged 80 or over receive a monthly old-age allowance that rises with age.',
    text:
      'Eligibility: local household registration, aged 80 or over. ' +
      'Amount: {{ex:100}} yuan a month from 80 to 89, {{ex:300}} yuan a month from 90 to 99. ' +
      'Documents: ID card, household register and a bank account.',
  },
];

const index = buildGuideSearchIndex([...zhGuides, ...enGuides]);

const slugsFor = (query: string, lang: 'zh-CN' | 'en'): string[] => index.search(query, lang).map((hit) => hit.slug);
const textsOf = (text: string, ranges: HighlightRange[]): string[] =>
  ranges.map((range) => text.slice(range.start, range.end));

describe('normalizeForSearch', () => {
  it('keeps the length in UTF-16 code units', () => {
    for (const text of ['ＡＢＣ１２３', '離婚登記　申請', 'ﬁ½™…', 'Straße İstanbul', '𠀀殯葬𠀁']) {
      expect(normalizeForSearch(text)).toHaveLength(text.length);
    }
  });

  it('folds full-width forms to half-width and upper to lower case', () => {
    expect(normalizeForSearch('ＡＢＣ１２３')).toBe('abc123');
    expect(normalizeForSearch('ＤｉＢａｏ')).toBe('dibao');
    expect(normalizeForSearch('低保　标准')).toBe('低保 标准');
    expect(normalizeForSearch('Divorce Registration')).toBe('divorce registration');
  });

  it('folds traditional characters to simplified', () => {
    expect(normalizeForSearch('離婚 殯葬 補領 結婚 養老')).toBe('离婚 殡葬 补领 结婚 养老');
  });

  it('leaves a character alone when folding it would change the length', () => {
    expect(normalizeForSearch('ﬁ')).toBe('ﬁ');
    expect(normalizeForSearch('…')).toBe('…');
  });
});

describe('guide search', () => {
  it('counts every indexed document', () => {
    expect(index.size).toBe(12);
  });

  it('finds 最低生活保障 by the everyday word 低保', () => {
    const [first] = index.search('低保', 'zh-CN');
    expect(first?.slug).toBe('minimum-living-allowance');
    expect(first?.matchedAliases).toEqual(['低保', '吃低保']);
  });

  it('puts 离婚登记 first for 离婚', () => {
    expect(slugsFor('离婚', 'zh-CN')[0]).toBe('divorce-registration');
  });

  it('puts 基本殡葬服务 first for 火化', () => {
    expect(slugsFor('火化', 'zh-CN')[0]).toBe('basic-funeral-services');
  });

  it('finds 结婚登记 by the traditional 結婚', () => {
    expect(slugsFor('結婚', 'zh-CN')[0]).toBe('marriage-registration');
  });

  it('finds guides by a two-character word in the body only', () => {
    expect(slugsFor('撒海', 'zh-CN')).toEqual(['eco-burial-subsidy']);
  });

  it('ranks the guide matching more of a longer query first', () => {
    expect(slugsFor('怎么申请海葬补贴', 'zh-CN')[0]).toBe('eco-burial-subsidy');
    expect(slugsFor('高龄老人津贴', 'zh-CN')[0]).toBe('senior-allowance');
  });

  it('finds something sensible for a single Chinese character', () => {
    const slugs = slugsFor('葬', 'zh-CN');
    expect(slugs).toContain('eco-burial-subsidy');
    expect(slugs).toContain('basic-funeral-services');
    expect(slugs).not.toContain('marriage-registration');
  });

  it('finds the dibao guide in English by a full-width alias', () => {
    expect(slugsFor('ｄｉｂａｏ', 'en')[0]).toBe('minimum-living-allowance');
  });

  it('finds basic funeral services for "cremation"', () => {
    expect(slugsFor('cremation', 'en')[0]).toBe('basic-funeral-services');
  });

  it('finds the eco-burial subsidy for "sea burial"', () => {
    expect(slugsFor('sea burial', 'en')[0]).toBe('eco-burial-subsidy');
  });

  it('folds English plurals, completes prefixes and forgives a typo', () => {
    expect(slugsFor('burials', 'en')[0]).toBe('eco-burial-subsidy');
    expect(slugsFor('allowances for the elderly', 'en')[0]).toBe('senior-allowance');
    expect(slugsFor('crem', 'en')[0]).toBe('basic-funeral-services');
    expect(slugsFor('crematon', 'en')[0]).toBe('basic-funeral-services');
  });

  it('returns results only in the requested language', () => {
    expect(index.search('低保', 'en')).toEqual([]);
    expect(index.search('dibao', 'zh-CN')).toEqual([]);
    for (const hit of index.search('allowance', 'en')) expect(hit.lang).toBe('en');
  });

  it('returns nothing for an empty, punctuation-only or unmatched query', () => {
    expect(index.search('', 'zh-CN')).toEqual([]);
    expect(index.search('   　', 'zh-CN')).toEqual([]);
    expect(index.search('，。！？?!…', 'zh-CN')).toEqual([]);
    expect(index.search('量子计算', 'zh-CN')).toEqual([]);
    expect(index.search('spaceship', 'en')).toEqual([]);
  });

  it('ignores a query beyond 100 characters', () => {
    expect(index.search(`${'。'.repeat(100)}低保`, 'zh-CN')).toEqual([]);
    expect(index.search(`低保${'。'.repeat(200)}`, 'zh-CN')[0]?.slug).toBe('minimum-living-allowance');
  });

  it('respects the limit', () => {
    expect(index.search('申请', 'zh-CN', { limit: 2 })).toHaveLength(2);
  });
});

describe('guide search highlights and snippets', () => {
  it('highlights exactly the matched word in the snippet', () => {
    const hit = index.search('低保', 'zh-CN').find((candidate) => candidate.slug === 'minimum-living-allowance');
    expect(hit).toBeDefined();
    if (!hit) return;
    expect(hit.snippetHighlights.length).toBeGreaterThan(0);
    expect(new Set(textsOf(hit.snippet, hit.snippetHighlights))).toEqual(new Set(['低保']));
  });

  it('highlights the title on the original text for a traditional query', () => {
    const [hit] = index.search('離婚', 'zh-CN');
    expect(hit?.title).toBe('离婚登记');
    expect(hit?.titleHighlights).toEqual([{ start: 0, end: 2 }]);
  });

  it('maps highlights back onto original full-width and upper-case text', () => {
    const [hit] = buildGuideSearchIndex([
      { slug: 'x', lang: 'en', title: 'ＤＩＢＡＯ Guide', aliases: [], phrases: [], summary: 'About Dibao.', text: '' },
    ]).search('dibao', 'en');
    expect(hit?.titleHighlights).toEqual([{ start: 0, end: 5 }]);
    expect(textsOf(hit?.snippet ?? '', hit?.snippetHighlights ?? [])).toEqual(['Dibao']);
  });

  it('merges the ranges of overlapping bigrams into one', () => {
    const [hit] = index.search('离婚登记', 'zh-CN');
    expect(hit?.titleHighlights).toEqual([{ start: 0, end: 4 }]);
  });

  it('cuts a window around the first match of the body, marked with …', () => {
    const hit = index.search('撒海', 'zh-CN')[0];
    expect(hit?.snippet).toMatch(/撒海/);
    const [englishHit] = index.search('social security card', 'en');
    expect(englishHit?.slug).toBe('minimum-living-allowance');
    expect(englishHit?.snippet.startsWith('…')).toBe(true);
    expect(englishHit?.snippet.length).toBeLessThanOrEqual(162);
    expect(textsOf(englishHit?.snippet ?? '', englishHit?.snippetHighlights ?? [])).toEqual([
      'social',
      'security',
      'card',
    ]);
  });

  it('keeps Chinese snippets near 80 characters', () => {
    const [hit] = index.search('骨灰寄存', 'zh-CN');
    for (const found of index.search('申请', 'zh-CN')) expect(found.snippet.length).toBeLessThanOrEqual(82);
    expect(hit?.slug).toBe('basic-funeral-services');
  });

  it('shows the summary when only an alias matched', () => {
    const [hit] = index.search('领证', 'zh-CN');
    expect(hit?.slug).toBe('marriage-registration');
    expect(hit?.snippet).toBe(zhGuides[2]?.summary);
    expect(hit?.snippetHighlights).toEqual([]);
    expect(hit?.matchedAliases).toEqual(['领证']);
  });

  it('returns sorted, non-overlapping ranges', () => {
    for (const hit of index.search('申请材料 身份证', 'zh-CN')) {
      for (const ranges of [hit.titleHighlights, hit.snippetHighlights]) {
        ranges.forEach((range, i) => {
          expect(range.end).toBeGreaterThan(range.start);
          const previous = ranges[i - 1];
          if (previous) expect(range.start).toBeGreaterThan(previous.end);
        });
      }
    }
  });
});

describe('guide search by everyday phrases', () => {
  const doc = (slug: string, lang: 'zh-CN' | 'en', fields: Partial<SearchDocument>): SearchDocument => ({
    slug, lang, title: slug, aliases: [], phrases: [], summary: '', text: '', ...fields,
  });
  const phraseIndex = buildGuideSearchIndex([
    doc('reissue', 'zh-CN', {
      title: '补领婚姻登记证（结婚证、离婚证）',
      aliases: ['补办结婚证', '补结婚证', '结婚证丢了', '结婚证补办', '补领结婚证', '结婚证损坏'],
      summary: '结婚证遗失、损毁的，可以申请补领结婚证。',
      text: '补领结婚证的，带身份证到场。补领结婚证不收费。一方可以单独补领结婚证。',
    }),
    doc('register', 'zh-CN', {
      title: '结婚登记',
      aliases: ['领证', '领结婚证', '扯证', '登记结婚', '婚姻登记'],
      summary: '男女双方自愿结婚的，共同到婚姻登记机关申请结婚登记，当场发给结婚证。',
      text: '双方带身份证和签字声明到场。符合条件的当场登记。',
    }),
    doc('dibao', 'zh-CN', { title: '最低生活保障', aliases: ['低保'], phrases: ['没钱', '穷', '吃不上饭'] }),
    doc('temporary', 'zh-CN', { title: '临时救助', aliases: ['急难救助'], phrases: ['没钱看病', '没钱看病怎么办'], text: '没钱看病的可以申请。' }),
    doc('funeral', 'en', { title: 'Basic funeral services', aliases: ['cremation'], phrases: ['someone died', 'passed away'] }),
    doc('disability', 'en', { title: 'Disability allowances', aliases: ['care allowance'], text: 'If someone in your family is disabled and the family has died out of work…' }),
  ]);
  const first = (query: string, lang: 'zh-CN' | 'en'): string | undefined => phraseIndex.search(query, lang)[0]?.slug;

  it('ranks a guide whose everyday name occurs whole in the query above one sharing more of its bigrams', () => {
    expect(first('领结婚证', 'zh-CN')).toBe('register');
    expect(first('怎么领结婚证', 'zh-CN')).toBe('register');
    expect(first('结婚证丢了怎么办', 'zh-CN')).toBe('reissue');
  });

  it('ranks a whole phrase above a partial one, and still finds the partial one', () => {
    const slugs = phraseIndex.search('没钱', 'zh-CN').map((hit) => hit.slug);
    expect(slugs[0]).toBe('dibao');
    expect(slugs).toContain('temporary');
    expect(first('没钱看病', 'zh-CN')).toBe('temporary');
  });

  it('finds a one-character phrase inside a longer query, which shares no bigram with it', () => {
    expect(first('我很穷', 'zh-CN')).toBe('dibao');
    expect(first('家里吃不上饭了', 'zh-CN')).toBe('dibao');
  });

  it('matches English phrases word by word: folded, plurals stemmed, small words skipped', () => {
    expect(first('What do I do when someone died?', 'en')).toBe('funeral');
    expect(first('my mother PASSED AWAY', 'en')).toBe('funeral');
  });

  it('shows phrases nowhere: they are not everyday names ("also called")', () => {
    const [hit] = phraseIndex.search('没钱', 'zh-CN');
    expect(hit?.matchedAliases).toEqual([]);
  });
});

describe('the index built a guide at a time between requests (docs/decisions/078)', () => {
  it('answers every query as the index built at once does', async () => {
    const inSteps = await buildGuideSearchIndexInSteps([...zhGuides, ...enGuides]);
    expect(inSteps.size).toBe(index.size);
    for (const [query, lang] of [['低保', 'zh-CN'], ['离婚冷静期', 'zh-CN'], ['结婚', 'zh-CN'], ['divorce', 'en'], ['allowances', 'en']] as const) {
      expect(inSteps.search(query, lang)).toEqual(index.search(query, lang));
    }
  });

  it('fails, as the other does, on a slug repeated within one language', async () => {
    const [first] = zhGuides;
    if (!first) throw new Error('no guide');
    expect(() => buildGuideSearchIndex([first, first])).toThrow();
    await expect(buildGuideSearchIndexInSteps([first, first])).rejects.toThrow();
  });
});

/**
 * Where relief is applied for and where its notices hang: each demonstration district's 乡镇/街道
 * (the townships and street offices that accept and investigate a case, 社会救助法 第三十七条) and
 * their 村/社区 (villages and communities, whose notice boards the 公示 and 公布 pages are). Names are
 * the service's words (social-relief:relief.township.<id>, relief.community.<id>). Made up for the
 * demonstration, as the districts are. A case is handled by its district's office (staff scope);
 * the township and community are where in it.
 */
export interface ReliefCommunity {
  id: string;
  /** A village (村, rural standard) or an urban community (社区, urban standard). */
  kind: 'village' | 'community';
}

export interface ReliefTownship {
  id: string;
  /** 街道 (street office, urban) or 乡镇 (township, rural). */
  kind: 'street' | 'township';
  district: string;
  communities: readonly ReliefCommunity[];
}

export const RELIEF_TOWNSHIPS: readonly ReliefTownship[] = [
  {
    id: 'dongcheng-street',
    kind: 'street',
    district: 'demo-district',
    communities: [
      { id: 'heping-community', kind: 'community' },
      { id: 'xinhua-community', kind: 'community' },
    ],
  },
  {
    id: 'xicheng-street',
    kind: 'street',
    district: 'demo-district',
    communities: [{ id: 'jinqiao-community', kind: 'community' }],
  },
  {
    id: 'qingshan-township',
    kind: 'township',
    district: 'demo-county',
    communities: [
      { id: 'qingshan-village', kind: 'village' },
      { id: 'shuikou-village', kind: 'village' },
    ],
  },
];

export const townshipOf = (community: string): ReliefTownship | undefined => RELIEF_TOWNSHIPS.find((township) => township.communities.some((c) => c.id === community));

export const communityOf = (community: string): ReliefCommunity | undefined => townshipOf(community)?.communities.find((c) => c.id === community);

/**
 * The self-care assessment of a person in extreme poverty (特困人员认定办法 民发〔2021〕43号 第十一条):
 * six everyday activities, each one the person can or cannot do unaided — eating, dressing, getting
 * in and out of bed, using the toilet, moving about indoors, bathing. All six: able to care for
 * themselves (具备生活自理能力); up to three not: partly unable (部分丧失); four or more not: wholly
 * unable (完全丧失). The level decides the care standard and whether 集中供养 comes first. Pure.
 */
import { z } from 'zod';

export const SELF_CARE_ITEMS = ['eating', 'dressing', 'bed', 'toilet', 'indoors', 'bathing'] as const;
export type SelfCareItem = (typeof SELF_CARE_ITEMS)[number];
export const SELF_CARE_ANSWERS = ['able', 'unable'] as const;
export const SELF_CARE_LEVELS = ['full', 'partly-lost', 'wholly-lost'] as const;
export type SelfCareLevel = (typeof SELF_CARE_LEVELS)[number];

/** The most items a person partly unable to care for themselves cannot do (43号: 3 items or fewer). */
const PARTLY_LOST_AT_MOST = 3;

const answer = () => z.enum(SELF_CARE_ANSWERS).meta({ control: 'radios' });

/** The investigator's record: each item as observed. */
export const SelfCareAssessment = z.object({
  eating: answer(),
  dressing: answer(),
  bed: answer(),
  toilet: answer(),
  indoors: answer(),
  bathing: answer(),
});
export type SelfCareAssessment = z.infer<typeof SelfCareAssessment>;

export function selfCareLevel(assessment: SelfCareAssessment): SelfCareLevel {
  const unable = SELF_CARE_ITEMS.filter((item) => assessment[item] === 'unable').length;
  if (unable === 0) return 'full';
  return unable <= PARTLY_LOST_AT_MOST ? 'partly-lost' : 'wholly-lost';
}

/** How the person is supported (供养方式), chosen in the decision: at home (分散供养) or in a care home (集中供养). */
export const CARE_ARRANGEMENTS = ['dispersed', 'centralised'] as const;

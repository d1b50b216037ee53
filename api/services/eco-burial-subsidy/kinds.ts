/**
 * The kinds of eco-burial (节地生态安葬) a city may fund, as 民发〔2016〕21号 lists them: tree, flower
 * and lawn burial, scattering the ashes, sea burial, deep burial in a degradable urn, and a niche in
 * a columbarium. Which of them a district funds, and how much, is its rule table's (amounts-table.ts).
 */
export const BURIAL_KINDS = ['tree', 'flower', 'lawn', 'scattering', 'sea', 'degradable-urn', 'columbarium'] as const;
export type BurialKind = (typeof BURIAL_KINDS)[number];

/** The person entitled to the ashes (骨灰处置权人) is usually the closest relative who arranged the cremation. */
export const RELATIONSHIPS = ['spouse', 'child', 'parent', 'sibling', 'grandchild', 'grandparent', 'other-relative'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

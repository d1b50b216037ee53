/**
 * The kinds of plot a public cemetery (公益性公墓) offers: only the land-saving, public-interest kinds
 * (殡葬管理条例, revised 2026: 骨灰格位安葬 at government-run facilities; 民发〔2016〕21号: tree and lawn
 * burial; 节地 graves, single or double, within the local size limit). No family vaults, no sale
 * ahead of need: a plot is for someone who has died. Which kinds a cemetery has, at what fee and how
 * many, is its rule table's (cemeteries-table.ts).
 */
export const PLOT_TYPES = ['niche', 'tree', 'lawn', 'single-grave', 'double-grave'] as const;
export type PlotType = (typeof PLOT_TYPES)[number];

/**
 * Who may apply for a plot in a cemetery: the deceased's household was registered (户籍) in its
 * district; or, where the local rule allows, they also lived there with a residence permit (居住证).
 */
export const RESIDENCE_RULES = ['registered', 'registered-or-resident'] as const;
export type ResidenceRule = (typeof RESIDENCE_RULES)[number];

/** A family member who applies: the relationships of the next of kin who arrange a burial. */
export const RELATIONSHIPS = ['spouse', 'child', 'parent', 'sibling', 'grandchild', 'grandparent', 'other-relative'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** What a plot is sold against (殡葬管理条例, revised 2026): the 居民死亡医学证明's number, or the cremation certificate itself. */
export const PROOF_KINDS = ['death-certificate', 'cremation-certificate'] as const;
export type ProofKind = (typeof PROOF_KINDS)[number];

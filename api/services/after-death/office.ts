/**
 * Where 身后一件事 is handled: the civil affairs bureau of the demo district (staff of the 'funeral'
 * service area, who also see each part and its hand-off). Example data, as the eco-burial subsidy's
 * districts are: a city with several bureaus would ask where the deceased's household was
 * registered and take the office from that answer.
 */
export const AFTER_DEATH_OFFICE = 'demo-district';
export const AFTER_DEATH_AREA = 'funeral';

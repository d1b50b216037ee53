/**
 * Every kind of edited content the editorial engine publishes (docs/decisions/057). A new kind (a
 * funeral price list, a relief standards page) registers here, beside guides and notices, and the
 * one scheduled pass publishes its due drafts too.
 */
import { publishDueDrafts, type EditorialDeps, type ScheduledKind } from '../engine/editorial/editorial-engine.ts';
import { scheduledGuides } from './guide-editing.ts';
import { scheduledNotices } from './notices.ts';

export const EDITORIAL_KINDS: readonly ScheduledKind[] = [scheduledGuides, scheduledNotices];

/** The scheduled-publishing pass: every kind's due drafts, each published once; how many, by kind. */
export const publishDueContent = (deps: EditorialDeps) => publishDueDrafts(deps, EDITORIAL_KINDS);

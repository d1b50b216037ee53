/**
 * The inputs every service's workflow asks for in the same words: why (a refusal, a step back, an
 * undo) and what is missing (补正's 一次性告知). One Zod schema each, for the workbench's form, the
 * API and the tests of every service; a service's own inputs (an approval's amount, an allocation)
 * stay in its folder.
 *
 * `control` tells the workbench which form control a field needs; `sealed` encrypts the field in the
 * case's timeline (docs/decisions/049): free text an officer types about a person.
 */
import { z } from 'zod';
import { textLines } from '../text.ts';

/** A reason the applicant reads (a decision's, a step back's): sealed at rest, shown on the status page and in the text. */
export const reasonText = () => textLines().trim().min(2).max(500).meta({ control: 'textarea', sealed: true });

/** Every decision and every step back says why, in words the applicant may read. */
export const Reason = z.object({ reason: reasonText() });

/** 一次性告知: everything missing, listed once, one item a line. */
export const Documents = z.object({ documents: textLines().trim().min(2).max(1000).meta({ control: 'textarea', sealed: true }) });

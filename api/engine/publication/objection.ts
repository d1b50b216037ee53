/**
 * An objection to a public notice (公示, docs/decisions/045): what anyone may write, with their name
 * and a way to reach them if they choose. One schema for the form, the API and the workflows'
 * objection transitions (their `input`); every field is sealed in the case's timeline (encrypted)
 * and kept for the staff who handle the case (`staffOnly`): what others say of a household is never
 * the household's to read.
 */
import { z } from 'zod';
import { nameLine, textLine, textLines } from '../../domain/text.ts';

export const OBJECTION_TEXT_MAX = 2000;

/** The fields, defined once: the API's body documents them bare, the transition's input marks them. */
const text = textLines({ error: 'errors.objection.textMissing' }).trim().min(1, 'errors.objection.textMissing').max(OBJECTION_TEXT_MAX);
const name = nameLine().trim().max(50).optional();
const contact = textLine().trim().max(100).optional();

/** The API's body (POST /notices/entries/{entry}/objections). */
export const ObjectionRequest = z.object({ text, name, contact });

/** The objection transition's input: the same fields, each sealed in the case's timeline and the staff's only. */
export const ObjectionInput = z.object({
  text: text.meta({ control: 'textarea', staffOnly: true, sealed: true }),
  name: name.meta({ staffOnly: true, sealed: true }),
  contact: contact.meta({ staffOnly: true, sealed: true }),
});
export type Objection = z.infer<typeof ObjectionInput>;

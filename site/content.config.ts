/**
 * Build-time content collections.
 * - `pages`: the footer pages (accessibility statement, privacy notice, contact), static per deploy.
 * - `guides`: the guide files, validated here by the same Zod schema the server loads them with,
 *   so `astro build` fails on a broken guide before it can be published. Readers see guides from
 *   the database (published versions), not from this collection.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'zod';
import { CalendarDateSchema, GuideFrontmatterSchema } from '../api/domain/guides/guide.schema.ts';

// Ids are the file's path without .md (zh-CN/contact): the same slug exists once per language.
const byPath = ({ entry }: { entry: string }) => entry.replace(/\.md$/, '');

const pages = defineCollection({
  loader: glob({ pattern: '{zh-CN,en}/*.md', base: './content/pages', generateId: byPath }),
  // The description is the page's summary for search engines and link previews (<meta name="description">).
  schema: z.object({ title: z.string().min(1), description: z.string().min(1).max(160), updated: CalendarDateSchema }).strict(),
});

const guides = defineCollection({
  loader: glob({ pattern: '{zh-CN,en}/*.md', base: './content/guides', generateId: byPath }),
  schema: GuideFrontmatterSchema,
});

export const collections = { pages, guides };

/**
 * `npm run guides:check`: validates every guide in content/guides against the guide schema, checks
 * that each language has the same set of slugs and that related guides exist, and that no guide
 * cites a text superseded by one in force (api/domain/guides/superseded-texts.ts).
 */
import { readGuideDirectory } from '../content/guide-directory.ts';
import { supersededCitations } from '../domain/guides/superseded-texts.ts';

const report = await readGuideDirectory(new URL('../../content/guides/', import.meta.url));
const problems = [
  ...report.problems,
  ...report.guides.flatMap((guide) => supersededCitations(guide.frontmatter, guide.body).map((problem) => `${guide.path}: ${problem}`)),
];
for (const problem of problems) console.error(`✗ ${problem}`);
console.log(`${report.guides.length} guide files read, ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);

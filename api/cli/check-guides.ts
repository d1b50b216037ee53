/**
 * `npm run guides:check`: validates every guide in content/guides against the guide schema, and
 * checks that each language has the same set of slugs and that related guides exist.
 */
import { readGuideDirectory } from '../content/guide-directory.ts';

const report = await readGuideDirectory(new URL('../../content/guides/', import.meta.url));
for (const problem of report.problems) console.error(`✗ ${problem}`);
console.log(`${report.guides.length} guide files read, ${report.problems.length} problems`);
process.exit(report.problems.length === 0 ? 0 : 1);

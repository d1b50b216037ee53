/**
 * The published guides as readers see them: read from the database once per content version,
 * with the search index built alongside, so pages and the API never query guides one by one.
 */
import type { Kysely } from 'kysely';
import { LIFE_EVENTS, type Guide, type Locale } from '../domain/guides/guide.schema.ts';
import { guideSearchDocument } from '../domain/guides/guide-text.ts';
import { buildGuideSearchIndexInSteps, type GuideSearchIndex, type SearchHit } from '../domain/search/guide-search.ts';
import { listPublishedGuides, listUnpublishedGuides, type UnpublishedGuide } from '../db/guides.repo.ts';
import type { Database } from '../db/schema.ts';
import type { ContentVersionProbe } from './content-version.ts';

interface Snapshot {
  version: number;
  byKey: Map<string, Guide>;
  byLang: Map<Locale, Guide[]>;
  /**
   * Built after the snapshot, a guide at a time between other requests (docs/decisions/078): pages
   * and guides never wait for it, a search does (the first ~0.3 s after a start or a publish).
   */
  index: Promise<GuideSearchIndex>;
  /** Guides taken off the site, by slug: their address redirects or says why (docs/decisions/052). */
  unpublished: Map<string, UnpublishedGuide>;
  /** Answers to searches of this version, by language, limit and query (at most SEARCHES_KEPT). */
  searches: Map<string, SearchHit[]>;
}

export interface GuideCatalogue {
  /** Published guides of a language, in catalogue order (life event, then order). */
  list(lang: Locale): Promise<Guide[]>;
  get(slug: string, lang: Locale): Promise<Guide | undefined>;
  /** A guide staff took off the site: where its readers go, or the notice they see. */
  unpublished(slug: string): Promise<UnpublishedGuide | undefined>;
  search(query: string, lang: Locale, limit?: number): Promise<SearchHit[]>;
  /** The content version the answers come from; pages use it as a cache key. */
  version(): Promise<number>;
  /** Resolves once the current version's search index is built (a start does not wait for it). */
  prepare(): Promise<void>;
}

/** Search answers kept per content version: the most asked queries, a few hundred kilobytes at most. */
const SEARCHES_KEPT = 500;

function catalogueOrder(a: Guide, b: Guide): number {
  return LIFE_EVENTS.indexOf(a.lifeEvent) - LIFE_EVENTS.indexOf(b.lifeEvent) || a.order - b.order || a.slug.localeCompare(b.slug);
}

function buildSnapshot(version: number, guides: Guide[], unpublished: UnpublishedGuide[]): Snapshot {
  const sorted = [...guides].sort(catalogueOrder);
  const byLang = new Map<Locale, Guide[]>();
  for (const guide of sorted) byLang.set(guide.lang, [...(byLang.get(guide.lang) ?? []), guide]);
  // After a turn of the event loop: the snapshot serves pages at once, the index follows.
  const index = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() =>
    buildGuideSearchIndexInSteps(sorted.map((guide) => guideSearchDocument(guide, guide.lang, guide.bodyHtml))),
  );
  // A failed build fails the searches that await it, not the process.
  index.catch(() => undefined);
  return { version, byKey: new Map(sorted.map((g) => [`${g.lang}/${g.slug}`, g])), byLang, index, unpublished: new Map(unpublished.map((entry) => [entry.slug, entry])), searches: new Map() };
}

export function createGuideCatalogue(options: { db: Kysely<Database>; probe: ContentVersionProbe }): GuideCatalogue {
  let snapshot: Snapshot | undefined;
  let loading: Promise<Snapshot> | undefined;

  async function current(): Promise<Snapshot> {
    const version = await options.probe.current();
    if (snapshot && snapshot.version === version) return snapshot;
    loading ??= Promise.all([listPublishedGuides(options.db), listUnpublishedGuides(options.db)])
      .then(([guides, unpublished]) => {
        snapshot = buildSnapshot(version, guides, unpublished);
        return snapshot;
      })
      .finally(() => {
        loading = undefined;
      });
    return loading;
  }

  return {
    async list(lang) {
      return (await current()).byLang.get(lang) ?? [];
    },
    async get(slug, lang) {
      return (await current()).byKey.get(`${lang}/${slug}`);
    },
    async unpublished(slug) {
      return (await current()).unpublished.get(slug);
    },
    async search(query, lang, limit = 20) {
      const now = await current();
      // Searches are answered from the snapshot's own cache: the same words are asked for again and
      // again (低保, 结婚登记), and a publish makes a new snapshot, so a cached answer is never stale.
      const key = `${lang}\n${limit}\n${query}`;
      let hits = now.searches.get(key);
      if (hits) {
        now.searches.delete(key);
      } else {
        hits = (await now.index).search(query, lang, { limit });
        // Another search of the same words may have finished while this one waited for the index.
        now.searches.delete(key);
        if (now.searches.size >= SEARCHES_KEPT) now.searches.delete(now.searches.keys().next().value ?? '');
      }
      // Most recently asked last: the map's order is the eviction order.
      now.searches.set(key, hits);
      return [...hits];
    },
    async version() {
      return (await current()).version;
    },
    async prepare() {
      await (await current()).index;
    },
  };
}

/** Adds the translated "example" badge to each local figure (<span class="ex">) in rendered Markdown. */
export function badgeExampleFigures(html: string, t: (key: string) => string): string {
  return html.replace(
    /<span class="ex">([^<]*)<\/span>/g,
    (_whole, inner: string) =>
      `<span class="ex" title="${t('guide.exampleTitle')}">${inner}<span class="ex-tag">${t('guide.example')}</span></span>`,
  );
}

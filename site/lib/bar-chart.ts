/**
 * A bar chart's geometry, worked out on the server (docs/decisions/054): groups of bars, one per
 * series, each bar labelled with its number, series told apart by fill patterns as well as shade
 * (never by colour alone). The component (site/components/BarChart.astro) draws what this returns.
 */
export interface ChartSeries {
  name: string;
  values: readonly (number | null)[];
}

export interface ChartBar {
  series: number;
  x: number;
  y: number;
  width: number;
  height: number;
  value: number | null;
  /** Where its number is written. */
  labelX: number;
  labelY: number;
}

export interface ChartGroup {
  category: string;
  x: number;
  /** The category's label position (below the axis). */
  labelX: number;
  bars: ChartBar[];
}

export interface ChartLayout {
  width: number;
  height: number;
  baseline: number;
  groups: ChartGroup[];
  max: number;
}

const PLOT_TOP = 24;
const AXIS_SPACE = 44;
const BAR_WIDTH = 18;
const BAR_GAP = 2;
const GROUP_GAP = 16;
const SIDE = 12;

export const PATTERNS = ['solid', 'hatch', 'dots', 'cross'] as const;

export function barChartLayout(categories: readonly string[], series: readonly ChartSeries[], plotHeight = 180): ChartLayout {
  const max = Math.max(0, ...series.flatMap((one) => one.values.map((value) => value ?? 0)));
  const groupWidth = series.length * (BAR_WIDTH + BAR_GAP) - BAR_GAP;
  const baseline = PLOT_TOP + plotHeight;
  const groups = categories.map((category, index) => {
    const x = SIDE + index * (groupWidth + GROUP_GAP);
    return {
      category,
      x,
      labelX: x + groupWidth / 2,
      bars: series.map((one, seriesIndex) => {
        const value = one.values[index] ?? null;
        const height = max > 0 && value !== null && value > 0 ? Math.max(1, Math.round((value / max) * plotHeight)) : 0;
        const barX = x + seriesIndex * (BAR_WIDTH + BAR_GAP);
        return { series: seriesIndex, x: barX, y: baseline - height, width: BAR_WIDTH, height, value, labelX: barX + BAR_WIDTH / 2, labelY: baseline - height - 4 };
      }),
    };
  });
  return { width: Math.max(240, SIDE * 2 + categories.length * (groupWidth + GROUP_GAP) - GROUP_GAP), height: baseline + AXIS_SPACE, baseline, groups, max };
}

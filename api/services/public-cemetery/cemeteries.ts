/**
 * The public cemeteries (公益性公墓) people may apply to, and the demonstration's details: the source
 * rows of the rule table `public-cemetery.cemeteries` (cemeteries-table.ts), over which staff enter
 * a change from its first day at /staff/rules. A cemetery is its id, its name
 * (`public-cemetery:cemetery.name.<id>`), its district and the office that handles its applications:
 * what identifies it, as a funeral home's does (docs/decisions/062); a new cemetery comes with a release.
 * Its phone, address, hours, who may apply, and its plots (kinds, fees, how many) change by notice.
 *
 * Every figure here is an EXAMPLE (made up, shown with the 示例 badge), in the demonstration's two districts.
 */
import type { PlotType, ResidenceRule } from './kinds.ts';

/** One notice's details of a cemetery, as the source writes them: its plots by kind (a kind it does not have is absent). */
export interface CemeterySource {
  example: boolean;
  phone: string;
  addressZh: string;
  addressEn: string;
  hoursZh: string;
  hoursEn: string;
  residence: ResidenceRule;
  /** Fen per plot (0: free), and how many plots of the kind the cemetery has for applications. */
  plots: Readonly<Partial<Record<PlotType, { feeFen: number; count: number }>>>;
}

export const CEMETERIES = [
  { id: 'demo-district-cemetery', district: 'demo-district', office: 'demo-district' },
  { id: 'demo-county-cemetery', district: 'demo-county', office: 'demo-county' },
] as const satisfies readonly { id: string; district: string; office: string }[];
export type CemeteryId = (typeof CEMETERIES)[number]['id'];

export const cemetery = (id: string) => CEMETERIES.find((each) => each.id === id);

const yuan = (amount: number) => amount * 100;

export const CEMETERY_SOURCE_DETAILS: readonly { cemetery: CemeteryId; effectiveFrom: string; basis: string; value: CemeterySource }[] = [
  {
    cemetery: 'demo-district-cemetery',
    effectiveFrom: '2026-03-30',
    basis: '示例区民政局关于示例区公益性公墓安葬服务的公告（示例，2026 年）',
    value: {
      example: true,
      phone: '0000-12345680',
      addressZh: '示例区青山路 66 号',
      addressEn: '66 Qingshan Road, Demo District',
      hoursZh: '每天 8:00–16:30，清明节前后延长',
      hoursEn: 'Every day 8:00–16:30, longer around Qingming',
      residence: 'registered-or-resident',
      plots: {
        niche: { feeFen: 0, count: 200 },
        tree: { feeFen: 0, count: 120 },
        lawn: { feeFen: yuan(800), count: 60 },
        'single-grave': { feeFen: yuan(3000), count: 30 },
        'double-grave': { feeFen: yuan(5000), count: 2 },
      },
    },
  },
  {
    cemetery: 'demo-county-cemetery',
    effectiveFrom: '2026-03-30',
    basis: '示例县民政局关于示例县城关公益性公墓的公告（示例，2026 年）',
    value: {
      example: true,
      phone: '0000-12345681',
      addressZh: '示例县城关镇松林路 3 号',
      addressEn: '3 Songlin Road, Chengguan Town, Demo County',
      hoursZh: '周一至周六 8:30–16:00',
      hoursEn: 'Monday to Saturday 8:30–16:00',
      residence: 'registered',
      plots: {
        niche: { feeFen: yuan(500), count: 80 },
        tree: { feeFen: 0, count: 40 },
        'single-grave': { feeFen: yuan(2000), count: 1 },
      },
    },
  },
];

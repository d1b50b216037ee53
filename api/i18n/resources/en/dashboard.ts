/** The bureau dashboard (docs/decisions/054). English: the same keys as ../zh-CN/dashboard.ts. */
import type { SameKeys } from '../shape.ts';
import type { dashboardZhCN } from '../zh-CN/dashboard.ts';

export const dashboardEn: SameKeys<typeof dashboardZhCN> = {
  dashboard: {
    title: 'Bureau dashboard',
    lead: 'Cases received, completed and overdue, the average time each stage took, and marriage registry appointments kept, for the period chosen. Months are counted in China time; working days follow the public holidays and make-up working days.',
    scopeAll: 'Covering: every office',
    scopeOffices: 'Covering: {{offices}}',
    filters: {
      legend: 'Filters',
      from: 'From month',
      to: 'To month',
      monthHint: 'Year and month, for example 2026-01',
      service: 'Service',
      allServices: 'All services',
      office: 'Office',
      allOffices: 'All offices',
      submit: 'Show figures',
    },
    period: 'Period: {{from}} to {{to}}',
    cases: {
      heading: 'Cases',
      received: 'Received',
      completed: 'Completed',
      overdue: 'Overdue now',
      overdueNote: '“Overdue now” counts the cases still open today ({{date}}) whose time limit has passed, whatever the month; time waiting for the applicant’s documents does not count.',
      completedNote: 'Completed includes cases decided, withdrawn by the applicant, not accepted, and ended because a period ran out.',
    },
    stages: {
      heading: 'Average time per stage',
      note: 'A stage runs from when a case enters a status until it leaves it, in working days (the day it entered not counted); counted in the month the stage ended.',
      ended: 'Stages ended',
      average: 'Average working days',
      none: '—',
    },
    appointments: {
      heading: 'Marriage registry appointments',
      booked: 'Booked',
      attended: 'Attended',
      noShow: 'No-show',
      cancelled: 'Cancelled',
      note: 'Counted in the month of the appointment’s day; “booked” is every appointment for the period, including those later cancelled.',
    },
    columns: {
      month: 'Month',
      service: 'Service',
      office: 'Office',
      registry: 'Marriage registry',
      stage: 'Stage',
      total: 'Total',
    },
    tables: {
      casesByMonth: 'By month: received and completed',
      casesByService: 'By service: received, completed and overdue now',
      casesByOffice: 'By office: received, completed and overdue now',
      stages: 'By stage: average time (working days)',
      appointmentsByMonth: 'By month: booked, attended, no-show and cancelled',
      appointmentsByOffice: 'By marriage registry: booked, attended, no-show and cancelled',
    },
    chart: {
      desc: 'Bar chart of {{count}} groups. Each bar is labelled with its number, and the legend tells the series apart by their fill patterns; the table below has the same numbers.',
      legend: 'Legend',
      bar: '{{category}}, {{series}}: {{value}}',
    },
    csv: 'Download as CSV: {{table}}',
    empty: 'No figures for the period chosen.',
  },
  errors: {
    dashboard: {
      periodOrder: 'The last month cannot be before the first',
      periodLength: 'A period can be at most 10 years (120 months)',
    },
  },
};

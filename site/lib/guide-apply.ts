/**
 * How a guide tells the reader to apply: the label of its "how to apply" line (the guide's meta
 * line, the services list, the printable guide) and its button. "Apply online" and "book online"
 * are said only where this portal really has the journey (the service registry's start pages),
 * whatever the guide's own `apply.mode` claims: a funeral home booked by phone once showed
 * "可网上预约", with no online booking behind it.
 */
import type { Guide } from '../../api/domain/guides/guide.schema.ts';
import { onlineChannelAt } from '../../api/services/registry.ts';

export interface HowToApply {
  /** Translation key of the label. */
  label: string;
  /** The button to the journey, where the portal has one: its site path and the translation key of its words. */
  online?: { path: string; action: string };
  /** The guide means the service to be applied for online, and the portal has no journey for it yet. */
  comingSoon: boolean;
}

export function howToApply(apply: Guide['apply']): HowToApply {
  const channel = onlineChannelAt(apply.path);
  if (channel && apply.path) {
    return channel === 'apply'
      ? { label: 'apply.mode.online', online: { path: apply.path, action: 'apply.onlineAction' }, comingSoon: false }
      : { label: 'apply.mode.appointment', online: { path: apply.path, action: 'apply.appointmentAction' }, comingSoon: false };
  }
  switch (apply.mode) {
    case 'automatic':
      return { label: 'apply.mode.automatic', comingSoon: false };
    case 'appointment':
      return { label: 'apply.mode.byAppointment', comingSoon: false };
    case 'online':
      return { label: 'apply.mode.in-person', comingSoon: true };
    case 'in-person':
      return { label: 'apply.mode.in-person', comingSoon: false };
  }
}

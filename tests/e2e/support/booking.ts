/** Booking helpers for the browser specs. */
import type { APIRequestContext } from '@playwright/test';

/** The first slot with a place left in the county office, from its own calendar (the server's clock is real). */
export async function bookableSlot(request: APIRequestContext, office = 'demo-county-registry'): Promise<{ date: string; start: string }> {
  const from = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
  const calendar = (await (await request.get(`/api/v1/marriage/offices/${office}/calendar?kind=marriage&from=${from}&days=30`)).json()) as { days: { date: string; state: string }[] };
  for (const day of calendar.days.filter((d) => d.state === 'available')) {
    const slots = (await (await request.get(`/api/v1/marriage/offices/${office}/slots?kind=marriage&date=${day.date}`)).json()) as { slots: { start: string; placesLeft: number }[] };
    const slot = slots.slots.find((s) => s.placesLeft > 0);
    if (slot) return { date: day.date, start: slot.start };
  }
  throw new Error('no bookable slot in the next 30 days');
}

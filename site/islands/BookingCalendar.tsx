/**
 * The office's calendar as a month grid (WAI-ARIA APG date-picker grid): arrows move by day and
 * week, Home/End to the week's Monday/Sunday, PageUp/PageDown by month, one tab stop (roving
 * tabindex), Enter or Space chooses. It enhances the page's list of radio buttons rather than
 * replacing the form: choosing a day checks that day's radio, so the form posts exactly what it
 * posts without JavaScript and the server checks it the same way. Rendered in the browser only
 * (client:only): without JavaScript the radio list is all there is, and it hides only once the
 * grid is there. Every word arrives translated from the page (site/lib/booking-calendar.ts).
 */
import { For, Show, createMemo, createSignal, onCleanup, onMount } from 'solid-js';

export interface CalendarDay {
  /** YYYY-MM-DD */
  date: string;
  /** The full accessible name: date, weekday and state (places left, or why it cannot be chosen). */
  name: string;
  /** A word or two shown under the day number (places left, full, closed, today). */
  mark: string;
  available: boolean;
  today?: boolean;
}

export interface CalendarMonth {
  /** YYYY-MM */
  month: string;
  caption: string;
  /** Every day of the month, in order. */
  days: CalendarDay[];
}

export interface CalendarProps {
  /** The radio buttons' name: the field the form posts. */
  name: string;
  months: CalendarMonth[];
  /** Monday first, as in China. */
  weekdays: { short: string; long: string }[];
  labels: { previousMonth: string; nextMonth: string; chosenMark: string; chosen: string; cannotChoose: string };
}

const DAY_MS = 86_400_000;
const timeOf = (day: string) => Date.parse(`${day}T00:00:00Z`);
const addDays = (day: string, count: number) => new Date(timeOf(day) + count * DAY_MS).toISOString().slice(0, 10);
/** 0 for Monday … 6 for Sunday. */
const weekdayIndex = (day: string) => (new Date(timeOf(day)).getUTCDay() + 6) % 7;

/** The same day of another month, or its last day when the month is shorter. */
function addMonths(day: string, count: number): string {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year, month - 1 + count + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month - 1 + count, Math.min(date, lastDay))).toISOString().slice(0, 10);
}

export default function BookingCalendar(props: CalendarProps) {
  let root: HTMLDivElement | undefined;
  const allDays = props.months.flatMap((month) => month.days);
  const byDate = new Map(allDays.map((day) => [day.date, day]));
  const firstAvailable = (days: CalendarDay[]) => days.find((day) => day.available)?.date;

  const [selected, setSelected] = createSignal<string | undefined>();
  const [focused, setFocused] = createSignal(firstAvailable(allDays) ?? allDays[0]?.date ?? '');
  const [status, setStatus] = createSignal('');
  const monthIndex = createMemo(() => Math.max(0, props.months.findIndex((month) => focused().startsWith(month.month))));
  const month = () => props.months[monthIndex()];
  /** The shown month as weeks of seven cells, empty before the 1st and after the last day. */
  const weeks = createMemo(() => {
    const days = month()?.days ?? [];
    const cells: (CalendarDay | undefined)[] = [...Array.from({ length: days[0] ? weekdayIndex(days[0].date) : 0 }, () => undefined), ...days];
    while (cells.length % 7 !== 0) cells.push(undefined);
    return Array.from({ length: cells.length / 7 }, (_, week) => cells.slice(week * 7, week * 7 + 7));
  });

  const radios = () => [...(root?.closest('fieldset')?.querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${props.name}"]`) ?? [])];
  const say = (template: string, day: CalendarDay) => setStatus(template.replace('{{day}}', day.name));

  const choose = (day: CalendarDay) => {
    setFocused(day.date);
    if (!day.available) {
      say(props.labels.cannotChoose, day);
      return;
    }
    const radio = radios().find((input) => input.value === day.date && !input.disabled);
    if (!radio) return;
    radio.checked = true;
    radio.dispatchEvent(new Event('change', { bubbles: true }));
    setSelected(day.date);
    say(props.labels.chosen, day);
  };

  const moveTo = (date: string) => {
    if (!byDate.has(date)) return;
    setFocused(date);
    root?.querySelector<HTMLButtonElement>(`button[data-date="${date}"]`)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const from = focused();
    const moves: Record<string, () => string> = {
      ArrowLeft: () => addDays(from, -1),
      ArrowRight: () => addDays(from, 1),
      ArrowUp: () => addDays(from, -7),
      ArrowDown: () => addDays(from, 7),
      Home: () => addDays(from, -weekdayIndex(from)),
      End: () => addDays(from, 6 - weekdayIndex(from)),
      PageUp: () => addMonths(from, -1),
      PageDown: () => addMonths(from, 1),
    };
    const move = moves[event.key];
    if (!move || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    moveTo(move());
  };

  /** The month buttons keep focus (APG) and move the tab stop into the month they show. */
  const showMonth = (index: number) => {
    const target = props.months[index];
    if (!target) return;
    setFocused(firstAvailable(target.days) ?? target.days[0]?.date ?? focused());
  };

  // The error summary links to the first radio, hidden now: send the reader to the grid instead.
  const followErrorLink = (event: MouseEvent) => {
    const first = radios()[0];
    const link = event.target instanceof Element ? event.target.closest('a') : null;
    if (!first || !link || link.getAttribute('href') !== `#${first.id}`) return;
    // Where the grid is not shown (elder mode on a phone keeps the list), the link's own target is right.
    if (root && getComputedStyle(root).display === 'none') return;
    event.preventDefault();
    moveTo(focused());
  };

  onMount(() => {
    const checked = radios().find((input) => input.checked);
    if (checked && byDate.get(checked.value)?.available) {
      setSelected(checked.value);
      setFocused(checked.value);
    }
    // The grid is there: hide the list it stands for (CSS: .calendar-active .choices).
    root?.closest('fieldset')?.classList.add('calendar-active');
    document.addEventListener('click', followErrorLink);
  });
  onCleanup(() => {
    root?.closest('fieldset')?.classList.remove('calendar-active');
    document.removeEventListener('click', followErrorLink);
  });

  const captionId = `${props.name}-calendar-month`;
  return (
    <div class="booking-calendar" ref={root}>
      <div class="calendar-head">
        <p class="calendar-month" id={captionId} aria-live="polite">{month()?.caption}</p>
        <Show when={props.months.length > 1}>
          {/* aria-disabled, not disabled: a disabled button would drop the focus it holds. */}
          <button type="button" class="calendar-nav" aria-disabled={monthIndex() === 0 ? 'true' : undefined} onClick={() => showMonth(monthIndex() - 1)}>
            {props.labels.previousMonth}
          </button>
          <button type="button" class="calendar-nav" aria-disabled={monthIndex() === props.months.length - 1 ? 'true' : undefined} onClick={() => showMonth(monthIndex() + 1)}>
            {props.labels.nextMonth}
          </button>
        </Show>
      </div>
      <table role="grid" class="calendar-grid" aria-labelledby={captionId} onKeyDown={onKeyDown}>
        <thead>
          <tr>
            <For each={props.weekdays}>{(weekday) => <th scope="col" abbr={weekday.long}>{weekday.short}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={weeks()}>
            {(week) => (
              <tr>
                <For each={week}>
                  {(day) =>
                    day ? (
                      <td aria-selected={selected() === day.date ? 'true' : 'false'}>
                        <button
                          type="button"
                          class="calendar-day"
                          classList={{ available: day.available, today: Boolean(day.today), chosen: selected() === day.date }}
                          data-date={day.date}
                          tabindex={focused() === day.date ? 0 : -1}
                          aria-disabled={day.available ? undefined : 'true'}
                          aria-current={day.today ? 'date' : undefined}
                          onFocus={() => setFocused(day.date)}
                          onClick={() => choose(day)}
                        >
                          {/* The name is the whole sentence (it holds the day's number, what is seen); the
                              number and short mark are for the eye, which the sentence would not fit. */}
                          <span class="visually-hidden">{day.name}</span>
                          <span class="calendar-number" aria-hidden="true">{Number(day.date.slice(8))}</span>
                          <span class="calendar-mark" aria-hidden="true">{selected() === day.date ? props.labels.chosenMark : day.mark}</span>
                        </button>
                      </td>
                    ) : (
                      <td />
                    )
                  }
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <p class="calendar-status" role="status">{status()}</p>
    </div>
  );
}

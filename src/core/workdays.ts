/**
 * Business days: Monday to Friday, minus a list of holidays (the company's calendar; Mexico's
 * statutory rest days are in Ley Federal del Trabajo art. 74, and banks add their own).
 */
import { weekday, type CivilDay } from "./dates";

export function isWeekend(day: CivilDay): boolean {
  return weekday(day) >= 5;
}

export function isBusinessDay(day: CivilDay, holidays: ReadonlySet<CivilDay>): boolean {
  return !isWeekend(day) && !holidays.has(day);
}

/**
 * The day `n` business days after `start` (before it when negative), as Excel's WORKDAY
 * counts: `start` itself never counts, and n = 0 returns `start` unchanged.
 */
export function addBusinessDays(start: CivilDay, n: number, holidays: ReadonlySet<CivilDay> = new Set()): CivilDay {
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  let day = start;
  // Whole weeks first when no holiday can interfere, so a term of years stays cheap.
  if (holidays.size === 0 && left > 5) {
    const weeks = Math.floor((left - 1) / 5);
    day += step * weeks * 7;
    left -= weeks * 5;
  }
  while (left > 0) {
    day += step;
    if (isBusinessDay(day, holidays)) left--;
  }
  return day;
}

/** `day` itself when it is a business day, else the next one (a due date that falls on a weekend). */
export function nextBusinessDay(day: CivilDay, holidays: ReadonlySet<CivilDay> = new Set()): CivilDay {
  while (!isBusinessDay(day, holidays)) day++;
  return day;
}

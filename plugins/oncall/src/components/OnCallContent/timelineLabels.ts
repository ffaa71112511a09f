import { DateTime } from 'luxon';

/** Room one day label (`Mon 30`) takes on the timeline, in pixels, gap included. */
export const DAY_LABEL_WIDTH = 44;

/** A day label placed on the timeline's axis. */
export interface DayLabel {
  day: DateTime;
  text: string;
  /** Offset from the start of the axis, in pixels. */
  left: number;
}

/**
 * The day labels that fit an axis `width` pixels wide without touching one another or running
 * past its end: every day when each day has room for a label; otherwise the first day and each
 * Monday, dropping any that would overlap the one before.
 */
export function dayLabels(
  days: DateTime[],
  width: number,
  labelWidth = DAY_LABEL_WIDTH,
): DayLabel[] {
  if (!days.length || width < labelWidth) {
    return [];
  }
  const dayWidth = width / days.length;
  const everyDay = dayWidth >= labelWidth;
  const labels: DayLabel[] = [];
  let free = 0;
  days.forEach((day, index) => {
    if (!everyDay && index > 0 && day.weekday !== 1) {
      return;
    }
    const left = index * dayWidth;
    if (left < free || left + labelWidth > width) {
      return;
    }
    labels.push({ day, text: day.toFormat('ccc d'), left });
    free = left + labelWidth;
  });
  return labels;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Dataset dates are as precise as the facts allow: "2021", "2021-08" or "2021-08-26". */
export function formatIsoDate(date: string): string {
  const [year, month, day] = date.split('-');
  if (!month) return year ?? date;
  const monthName = MONTHS[Number(month) - 1] ?? month;
  return day ? `${Number(day)} ${monthName} ${year}` : `${monthName} ${year}`;
}

export function formatDateRange(dates: { start?: string; end?: string } | undefined): string | undefined {
  if (!dates?.start && !dates?.end) return undefined;
  if (dates.start && dates.end) return `${formatIsoDate(dates.start)} – ${formatIsoDate(dates.end)}`;
  if (dates.start) return formatIsoDate(dates.start);
  return `until ${formatIsoDate(dates.end!)}`;
}

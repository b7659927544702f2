/** The benchmark's table: each Backstory figure beside the baseline measured in the same run. */

export interface ResultRow {
  metric: string;
  /** Page size or dataset size the row was measured at. */
  size: string;
  unit: 'ms' | 'MB' | 'tasks';
  baseline: number | undefined;
  backstory: number;
  /** How Backstory compares with the baseline, in the direction the target is stated. */
  ratio: number | undefined;
  /** What the baseline is, for the notes under the table. */
  baselineLabel: string;
  target: string;
  /** Undefined for figures shown for orientation only. */
  pass: boolean | undefined;
  /** Extra text shown in the Backstory cell (e.g. the longest long task). */
  note?: string;
}

function formatValue(value: number | undefined, unit: ResultRow['unit']): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  if (unit === 'tasks') return String(value);
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : value >= 1 ? 2 : 3;
  return `${value.toFixed(digits)} ${unit}`;
}

const formatRatio = (ratio: number | undefined) =>
  ratio === undefined || !Number.isFinite(ratio) ? '—' : `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(2)}×`;

export function formatTable(rows: readonly ResultRow[]): string {
  const header = ['metric', 'page size', 'baseline', 'Backstory', 'ratio', 'target', 'result'];
  const cells = rows.map((row) => [
    row.metric,
    row.size,
    formatValue(row.baseline, row.unit),
    row.note ? `${formatValue(row.backstory, row.unit)} ${row.note}` : formatValue(row.backstory, row.unit),
    formatRatio(row.ratio),
    row.target,
    row.pass === undefined ? 'info' : row.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column]!.length)));
  const line = (values: string[]) => values.map((value, column) => value.padEnd(widths[column]!)).join(' | ').trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('-|-'), ...cells.map(line)].join('\n');
}

export function summaryLine(rows: readonly ResultRow[]): string {
  const judged = rows.filter((row) => row.pass !== undefined);
  const passed = judged.filter((row) => row.pass);
  const failed = judged.filter((row) => !row.pass).map((row) => `${row.metric} @ ${row.size}`);
  return `${passed.length} of ${judged.length} targets passed${failed.length > 0 ? ` (failed: ${failed.join('; ')})` : ''}.`;
}

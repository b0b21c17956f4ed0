/** Sizes and durations of attachments as people read them, through `Intl`. */

const UNITS = ['kilobyte', 'megabyte', 'gigabyte'] as const;

/** A file size in the largest fitting unit (steps of 1024, as the upload limit is counted): `15 B`, `512 kB`, `2.4 MB`. */
export function formatBytes(lang: string, bytes: number): string {
  let value = Math.max(0, Math.round(bytes));
  if (value < 1024) return `${new Intl.NumberFormat(lang).format(value)} B`;
  let unit = -1;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = value >= 10 ? 0 : 1;
  return new Intl.NumberFormat(lang, { style: 'unit', unit: UNITS[unit], unitDisplay: 'short', maximumFractionDigits: digits }).format(value);
}

/** A duration as `m:ss` (`h:mm:ss` from an hour on); rounds down to whole seconds. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const seconds = String(total % 60).padStart(2, '0');
  const minutes = Math.floor(total / 60) % 60;
  const hours = Math.floor(total / 3600);
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

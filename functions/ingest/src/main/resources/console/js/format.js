// Number and time formatting. Everything returns plain strings (safe for textContent).

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** 1536 -> "1.5 KiB". */
export function bytes(n) {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  let value = Math.abs(n);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) { value /= 1024; unit++; }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return (n < 0 ? '-' : '') + value.toFixed(digits) + ' ' + BYTE_UNITS[unit];
}

/** Bytes per second: "1.2 MiB/s". */
export function rate(n) {
  return n === null || n === undefined ? '–' : bytes(n) + '/s';
}

/** Seconds -> "3h 5m", "2d 4h", "45s". */
export function duration(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '–';
  let s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86400); s -= d * 86400;
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  if (d > 0) return d + 'd' + (h ? ' ' + h + 'h' : '');
  if (h > 0) return h + 'h' + (m ? ' ' + m + 'm' : '');
  if (m > 0) return m + 'm' + (s ? ' ' + s + 's' : '');
  return s + 's';
}

/** Epoch ms -> "5m ago" (or "in 3h" for the future). */
export function age(epochMillis, now = Date.now()) {
  if (epochMillis === null || epochMillis === undefined) return 'never';
  const seconds = (now - epochMillis) / 1000;
  return seconds >= 0 ? duration(seconds) + ' ago' : 'in ' + duration(-seconds);
}

/** 12.345 -> "12.3 %". */
export function percent(value, digits = 1) {
  return value === null || value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits) + ' %';
}

/** A plain number with at most `digits` decimals: 0.123456 -> "0.123". */
export function number(value, digits = 2) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return Number(value.toFixed(digits)).toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** Epoch ms -> "2026-11-30 01:15:29" in the browser's time zone. */
export function dateTime(epochMillis) {
  if (epochMillis === null || epochMillis === undefined) return '–';
  const d = new Date(epochMillis);
  const pad = (n) => String(n).padStart(2, '0');
  return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' '
    + pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
}

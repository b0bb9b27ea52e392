/**
 * Go's time text used by the rpc canonical JSON: `time.Time.Format(time.RFC3339Nano)` in UTC, and
 * its inverse. (Floats use strconv.FormatFloat from codecs/golang.)
 */
import { GoTime } from './values.js';

// ---------------------------------------------------------------------------------------------
// time

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Days since 1970-01-01 -> proleptic Gregorian [year, month, day] (H. Hinnant's algorithm). */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** time.Unix(sec, nsec).UTC().Format(time.RFC3339Nano). */
export function formatRFC3339Nano(t: GoTime): string {
  let days = t.sec / 86400n;
  let rem = t.sec % 86400n;
  if (rem < 0n) {
    rem += 86400n;
    days -= 1n;
  }
  const [y, mo, d] = civilFromDays(Number(days));
  const s = Number(rem);
  const year = y < 0 ? '-' + pad(-y, 4) : pad(y, 4);
  let frac = '';
  if (t.nsec !== 0) frac = '.' + pad(t.nsec, 9).replace(/0+$/, '');
  return `${year}-${pad(mo, 2)}-${pad(d, 2)}T${pad(Math.floor(s / 3600), 2)}:${pad(Math.floor(s / 60) % 60, 2)}:${pad(s % 60, 2)}${frac}Z`;
}

const RFC3339_UTC = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;

/** Inverse of formatRFC3339Nano; undefined when s is not such a string. */
export function parseRFC3339Nano(s: string): GoTime | undefined {
  const m = RFC3339_UTC.exec(s);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const h = Number(m[4]);
  const mi = Number(m[5]);
  const se = Number(m[6]);
  if (!Number.isSafeInteger(y) || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 59) return undefined;
  const mdays = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  if (d > mdays) return undefined;
  const days = daysFromCivil(y, mo, d);
  const nsec = m[7] ? Number(m[7].padEnd(9, '0')) : 0;
  const sec = BigInt(days) * 86400n + BigInt(h * 3600 + mi * 60 + se);
  if (sec < -(1n << 63n) || sec >= 1n << 63n) return undefined;
  return new GoTime(sec, nsec);
}

/**
 * Phone normalisation, the hub-wide rule of 12333.md §4.2 (applied to every channel, README):
 * mobile → 11 digits (13907971234); landline → area code + "-" + number (0797-4412345);
 * a bare 7–8 digit number is local to the county's area code 0797. Anything else → null (caller keeps
 * the raw value and flags it).
 */
export function normalisePhone(raw: string): string | null {
  let digits = raw.replace(/[\s\-()]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('86') && digits.length === 13) digits = digits.slice(2);
  if (/^01[3-9]\d{9}$/.test(digits)) digits = digits.slice(1); // trunk 0 before a mobile number
  if (/^1[3-9]\d{9}$/.test(digits)) return digits;
  if (/^0\d{9,11}$/.test(digits)) {
    const areaLength = /^0[12]/.test(digits) ? 3 : 4;
    return `${digits.slice(0, areaLength)}-${digits.slice(areaLength)}`;
  }
  if (/^\d{7,8}$/.test(digits)) return `0797-${digits}`;
  return null;
}

/** GB 11643 check digit of an 18-character PRC resident ID number. */
export function isValidIdNumber(raw: string): boolean {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17];
}

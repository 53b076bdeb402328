/**
 * Masking for display (脱敏): what every role sees unless it calls revealCitizen.
 *   name     张三 → 张*, 欧阳娜娜 → 欧***
 *   mobile   13856785678 → 138****5678; landline 0797-4412345 → 0797-***2345
 *   ID       360702199001011234 → 3607**********1234
 *   address  first 6 characters + ****
 */
export function maskName(name: string | null): string | null {
  if (!name) return null;
  const chars = [...name];
  return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
}

export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  const dash = phone.indexOf('-');
  if (dash > 0) {
    const number = phone.slice(dash + 1);
    return `${phone.slice(0, dash)}-${'*'.repeat(Math.max(number.length - 4, 1))}${number.slice(-4)}`;
  }
  return phone.length > 4 ? `${'*'.repeat(phone.length - 4)}${phone.slice(-4)}` : '****';
}

export function maskIdNumber(id: string | null): string | null {
  if (!id) return null;
  if (id.length <= 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

export function maskAddress(address: string | null): string | null {
  if (!address) return null;
  const chars = [...address];
  return chars.length <= 6 ? `${chars[0]}****` : `${chars.slice(0, 6).join('')}****`;
}

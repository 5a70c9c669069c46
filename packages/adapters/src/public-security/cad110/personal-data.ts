// Personal data of a 110 record (报警人姓名、电话、身份证号): masked or dropped before anything
// reaches the canonical message, which travels to other departments and tiers.

/** What to do with the caller's name and numbers: leave them out (default) or mask them. */
export type PersonalDataPolicy = "drop" | "mask";

// Full-width digits and X (１３８, Ｘ) as their ASCII forms.
const ascii = (text: string) =>
  text.replace(/[\uff10-\uff19\uff38\uff58]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** `张三` → `张*`, `欧阳小明` → `欧***`: the surname stays, so a duty officer can say 张先生. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return "";
  return `${chars[0]}${"*".repeat(Math.max(1, chars.length - 1))}`;
}

/**
 * `13812345678` → `138****5678`; `0571-87654321` → `0571-****4321`: the prefix (mobile network
 * or area code) and the last four digits stay. Already masked text is returned as it is.
 */
export function maskPhone(phone: string): string {
  const text = ascii(phone.trim());
  if (text.includes("*")) return text;
  const digits = text.replace(/\D/g, "").replace(/^86(?=1\d{10}$)/, "");
  if (digits.length < 7) return "*".repeat(digits.length);
  const area = /^(\+?86[- ]?)?(0\d{2,3})[- ]?(\d{7,8})$/.exec(text);
  if (area) return `${area[2]}-****${(area[3] ?? "").slice(-4)}`;
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

// Digits as typed in Chinese text: ASCII or full-width (０-９).
const D = "[0-9\uff10-\uff19]";
const X = "[0-9\uff10-\uff19Xx\uff38\uff58]";
const notDigitBefore = "(?<![0-9\uff10-\uff19])";
const notDigitAfter = "(?![0-9\uff10-\uff19Xx])";

// 18-digit resident ID (GB 11643): 6-digit area, birth date 18xx–20xx, 3-digit sequence, check
// character 0-9/X; and the 15-digit first-generation card. Masked whether or not the check
// character is right: a mistyped ID number is still somebody's.
const idCard18 = `[1-9１-９]${D}{5}(?:[1１][89８９]|[2２][0０])${D}{2}(?:[0０][1-9１-９]|[1１][0-2０-２])${D}{2}${D}{3}${X}`;
const idCard15 = `[1-9１-９]${D}{7}(?:[0０][1-9１-９]|[1１][0-2０-２])${D}{2}${D}{3}`;
// Mobile numbers (1[3-9] + 9 digits, optionally +86, spaces or hyphens in 3-4-4 groups) and
// landlines with an area code (0 + 2-3 digits, 7-8 digits). Short service numbers (110, 12345)
// are not personal and are left alone.
const sep = "[- \u2010-\u2015]?";
const mobile = `(?:(?:\\+|＋)?(?:86|８６)${sep})?[1１][3-9３-９]${D}${sep}${D}{4}${sep}${D}{4}`;
const landline = `[0０]${D}{2,3}${sep}${D}{7,8}`;
const personalNumber = new RegExp(
  `${notDigitBefore}(?:(${idCard18})|(${idCard15})|(${mobile})|(${landline}))${notDigitAfter}`,
  "gu",
);

/** What masking free text found, by kind, for the issue that says so. */
export interface MaskCount {
  idCards: number;
  phones: number;
  names: number;
}

/**
 * Masks ID-card and telephone numbers in free text (报警内容, 事发地址), and the caller's name
 * where it is known: ID cards keep their first 4 and last 4 characters (`4201**********123X`),
 * phones as `maskPhone`, names as `maskName`. Masking masked text changes nothing.
 */
export function maskFreeText(text: string, knownNames: readonly string[] = []): { text: string; count: MaskCount } {
  const count: MaskCount = { idCards: 0, phones: 0, names: 0 };
  let out = text.replace(personalNumber, (match, id18?: string, id15?: string) => {
    if (id18 || id15) {
      count.idCards++;
      const chars = [...ascii(match)];
      return `${chars.slice(0, 4).join("")}${"*".repeat(chars.length - 8)}${chars.slice(-4).join("")}`;
    }
    count.phones++;
    return maskPhone(ascii(match));
  });
  for (const name of knownNames) {
    const trimmed = name.trim();
    if ([...trimmed].length < 2 || trimmed.includes("*")) continue;
    const parts = out.split(trimmed);
    if (parts.length > 1) {
      count.names += parts.length - 1;
      out = parts.join(maskName(trimmed));
    }
  }
  return { text: out, count };
}

/**
 * Characters that change how text reads without being seen: bidi controls (a name can display
 * reversed, Trojan-Source style) and zero-width characters (two names that look equal differ).
 */
const HIDDEN =
  /[\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u3164\uFEFF]/gu;

export type TextPart = { text: string } | { hidden: string; code: string };

function codeOf(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Splits text into visible runs and the hidden characters between them, each named by code point. */
export function revealText(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(HIDDEN)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    parts.push({ hidden: match[0], code: codeOf(match[0]) });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

import { pinyin } from 'pinyin-pro';

/**
 * Lower-case pinyin initials of a Chinese name ("城关镇" → "cgz"), kept beside the name so that a search by initials
 * is an indexed prefix match. Surnames use their surname reading (单 → shan) for person names.
 */
export function pinyinInitials(text: string, options: { personName?: boolean } = {}): string {
  const letters = pinyin(text, {
    pattern: 'first',
    toneType: 'none',
    type: 'array',
    nonZh: 'consecutive',
    ...(options.personName ? { surname: 'head' as const } : {}),
  });
  return letters
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** A search term is read as pinyin initials when it is only Latin letters. */
export function isInitialsQuery(q: string): boolean {
  return /^[a-zA-Z]+$/.test(q);
}

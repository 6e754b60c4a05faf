// Compact data tables written as text, so that long pools stay readable and the formatter leaves them alone.

/** Words separated by spaces or newlines. */
export function words(text: string): readonly string[] {
  return text.trim().split(/\s+/);
}

/** "王:71.2 李:70" → [['王', 71.2], ['李', 70]]. */
export function weighted(text: string): readonly (readonly [string, number])[] {
  return words(text).map((w) => {
    const i = w.lastIndexOf(':');
    return [w.slice(0, i), Number(w.slice(i + 1))] as const;
  });
}

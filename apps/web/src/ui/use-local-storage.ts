import { useCallback, useState } from 'react';

/** A value kept in localStorage under `key` (JSON), falling back to `initial` when absent or unreadable. */
export function useLocalStorageState<T>(key: string, initial: T): [T, (next: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = window.localStorage.getItem(key);
      return raw === null ? initial : (JSON.parse(raw) as T);
    } catch {
      return initial;
    }
  });
  const set = useCallback(
    (next: T) => {
      setValue(next);
      try {
        window.localStorage.setItem(key, JSON.stringify(next));
      } catch {
        // storage full or disabled: the setting lasts for this page only
      }
    },
    [key],
  );
  return [value, set];
}

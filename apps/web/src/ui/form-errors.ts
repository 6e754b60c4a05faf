// Puts the server's `fields` (keys like `idNumber`, `grants.0.orgId`) on the matching antd form fields.
import type { FormInstance } from 'antd';

interface FieldErrorSource {
  fields?: Record<string, string> | undefined;
}

export type FieldPath = Array<string | number>;

export function fieldPathOf(key: string): FieldPath {
  return key.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Marks each field the server named; returns the messages of keys that match no field of the form, so the caller
 * can show them in an Alert. `rename` maps a server key to a form field when they differ.
 */
export function applyServerFieldErrors<T>(
  form: FormInstance<T>,
  error: unknown,
  knownFields: readonly string[],
  rename: Record<string, string> = {},
): string[] {
  const fields = (error as FieldErrorSource | null)?.fields;
  if (!fields) return [];
  const unmatched: string[] = [];
  const setters: Array<{ name: FieldPath; errors: string[] }> = [];
  for (const [key, message] of Object.entries(fields)) {
    const target = rename[key] ?? key;
    const root = target.split('.')[0] ?? target;
    if (knownFields.includes(root)) setters.push({ name: fieldPathOf(target), errors: [message] });
    else unmatched.push(message);
  }
  form.setFields(setters as unknown as Parameters<FormInstance<T>['setFields']>[0]);
  if (setters[0]) form.scrollToField(setters[0].name, { block: 'center' });
  return unmatched;
}

// An antd Form rule from a zod schema (the domain package's request schemas), so the form shows the same Chinese
// messages the server would send.
import type { FormRule } from 'antd';

interface SafeParser {
  safeParse(value: unknown): { success: true } | { success: false; error: { issues: Array<{ message: string }> } };
}

export function zodRule(schema: SafeParser, transform: (value: unknown) => unknown = (v) => v): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      const r = schema.safeParse(transform(value));
      if (!r.success) throw new Error(r.error.issues[0]?.message ?? '输入有误');
    },
  };
}

/** Empty inputs are sent as null (the schemas' optional text fields are nullable). */
export function emptyToNull(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? null : (value ?? null);
}

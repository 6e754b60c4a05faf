// A step refused by a rule (422 DEVELOPMENT_*): the rule's message and, when a date would make it possible, that date.
import { isApiError } from '../../app/api-client';

export interface Refusal {
  message: string;
  earliestDate: string | null;
}

export function refusalOf(error: unknown): Refusal | null {
  if (!isApiError(error) || error.status !== 422 || !error.code.startsWith('DEVELOPMENT_')) return null;
  return { message: error.message, earliestDate: error.fields?.earliestDate ?? null };
}

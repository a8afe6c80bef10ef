/** The non-empty strings of a normalized value: one string, or those of an array. */
export function textList(value: unknown): string[] {
  if (typeof value === 'string' && value !== '') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
  return [];
}

/** Emails and phones of a normalized record (`email`, `emails`, `phone`, `phones`). */
export function contactValues(normalized: Record<string, unknown>): { emails: string[]; phones: string[] } {
  return { emails: [...textList(normalized.email), ...textList(normalized.emails)], phones: [...textList(normalized.phone), ...textList(normalized.phones)] };
}

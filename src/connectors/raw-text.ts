/** How much of a bad record is kept as its raw text in quarantine. */
export const MAX_RAW_CHARS = 64 * 1024;

export function clipRaw(text: string): string {
  return text.length > MAX_RAW_CHARS ? `${text.slice(0, MAX_RAW_CHARS)}…` : text;
}

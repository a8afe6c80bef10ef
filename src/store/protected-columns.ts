/**
 * The columns that hold personal data, per table, stored encrypted (see field-cipher.ts).
 * Country, gender, lifetime value and timestamps stay plaintext: row scopes, statistics, filters
 * and orderings are computed on them in SQL. Everything that names, reaches or locates a person
 * is here.
 */
export const PROTECTED_COLUMNS = {
  // Names, contacts, birth date and address, as one JSON value (see customer-columns.ts).
  customers: ['personal'],
  // Normalized values, raw values and corrections, as one value (see record-payload.ts).
  source_records: ['payload'],
  // Messages quote rejected values ("date \"31.02.1990\" does not exist").
  quarantine: ['raw', 'message'],
  field_overrides: ['value'],
  match_reviews: ['explanation'],
} as const satisfies Record<string, readonly string[]>;

export type ProtectedTable = keyof typeof PROTECTED_COLUMNS;

/** The key columns each protected table is walked by (in order) when its rows are re-encrypted. */
export const ROW_KEYS: Record<ProtectedTable, readonly string[]> = {
  customers: ['id'],
  source_records: ['id'],
  quarantine: ['id'],
  field_overrides: ['customer_id', 'field'],
  match_reviews: ['id'],
};

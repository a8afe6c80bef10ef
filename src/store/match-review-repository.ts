import type { Knex } from 'knex';
import { fromDbTime, nowDbTime, parseJsonColumn } from './dialect';
import type { FieldCipher } from './field-cipher';
import { fieldProtection, type FieldProtection } from './field-protection';

export type ReviewStatus = 'pending' | 'match' | 'no_match';

/** Why the pair scored as it did, as the resolution engine explains it (plain JSON). */
export type StoredExplanation = Record<string, unknown>;

export interface MatchReview {
  id: number;
  recordA: number;
  recordB: number;
  score: number;
  status: ReviewStatus;
  explanation: StoredExplanation | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}

export interface NewReview {
  recordA: number;
  recordB: number;
  score: number;
  explanation: StoredExplanation;
}

function toReview(row: Record<string, unknown>, cipher: FieldCipher): MatchReview {
  return {
    id: Number(row.id),
    recordA: Number(row.record_a),
    recordB: Number(row.record_b),
    score: Number(row.score),
    status: row.status as ReviewStatus,
    explanation: parseJsonColumn<StoredExplanation | null>(cipher.open((row.explanation as string | null) ?? null), null),
    decidedBy: (row.decided_by as string | null) ?? null,
    decidedAt: fromDbTime(row.decided_at as string | null),
    createdAt: fromDbTime(row.created_at as string) as Date,
  };
}

/**
 * The review queue: record pairs scored between the thresholds, one row per pair across all
 * runs (smaller record id first). A pair already queued is left as it is, so a decided review
 * stays decided and a pending one keeps its place. Explanations quote compared values: encrypted.
 */
export class MatchReviewRepository {
  private readonly cipher: FieldCipher;

  constructor(
    private readonly knex: Knex,
    protection: FieldProtection = fieldProtection(),
  ) {
    this.cipher = protection.cipher;
  }

  async addPending(reviews: readonly NewReview[]): Promise<number> {
    const now = nowDbTime();
    const rows = new Map<string, Record<string, unknown>>();
    for (const review of reviews) {
      const a = Math.min(review.recordA, review.recordB);
      const b = Math.max(review.recordA, review.recordB);
      rows.set(`${a}:${b}`, { record_a: a, record_b: b, score: review.score, status: 'pending', explanation: this.cipher.seal(JSON.stringify(review.explanation)), created_at: now });
    }
    const all = [...rows.values()];
    let added = 0;
    for (let i = 0; i < all.length; i += 500) {
      const chunk = all.slice(i, i + 500);
      const before = await this.count();
      await this.knex('match_reviews').insert(chunk).onConflict(['record_a', 'record_b']).ignore();
      added += (await this.count()) - before;
    }
    return added;
  }

  async get(id: number): Promise<MatchReview | undefined> {
    const row = await this.knex('match_reviews').where({ id }).first();
    return row ? toReview(row, this.cipher) : undefined;
  }

  /** Keyset page in id order, `first + 1` rows so the caller can tell whether more follow. */
  async pageRows(status: ReviewStatus | undefined, first: number, afterId?: number): Promise<MatchReview[]> {
    const query = this.knex('match_reviews').orderBy('id').limit(first + 1);
    if (status !== undefined) query.where({ status });
    if (afterId !== undefined) query.where('id', '>', afterId);
    return (await query).map((row: Record<string, unknown>) => toReview(row, this.cipher));
  }

  async count(status?: ReviewStatus): Promise<number> {
    const query = this.knex('match_reviews');
    if (status !== undefined) query.where({ status });
    const row = await query.count<{ n: number }[]>({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }

  async decide(id: number, status: Exclude<ReviewStatus, 'pending'>, decidedBy: string, trx: Knex = this.knex): Promise<void> {
    await trx('match_reviews').where({ id }).update({ status, decided_by: decidedBy, decided_at: nowDbTime() });
  }

  /** Reviews of a pair, whichever order it is given in (to close it when a steward decides the pair another way). */
  async findByPair(recordA: number, recordB: number): Promise<MatchReview | undefined> {
    const row = await this.knex('match_reviews').where({ record_a: Math.min(recordA, recordB), record_b: Math.max(recordA, recordB) }).first();
    return row ? toReview(row, this.cipher) : undefined;
  }
}

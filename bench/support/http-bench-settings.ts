/** Shared by the HTTP bench and its targets: the bench signs tokens the GraphQL target accepts. */
export const BENCH_JWT_SECRET = 'bench-secret-that-is-long-enough-for-hs256-0123456789';

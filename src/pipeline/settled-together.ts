/**
 * Both results once both have settled; the first failure, if any, only after both have (so no
 * write is still running when the caller goes on to report the failure).
 */
export async function settledTogether<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [first, second] = await Promise.allSettled([a, b]);
  if (first.status === 'rejected') throw first.reason;
  if (second.status === 'rejected') throw second.reason;
  return [first.value, second.value];
}

import type { RowScope } from '../store/row-scope';

export type { RowScope };

/** Who is asking. `role` null means anonymous with no role: nothing but health and GraphiQL. */
export interface Principal {
  subject: string;
  role: string | null;
  scope: RowScope;
  /** How the caller identified itself; `cli` is an operator running a command on the server. */
  via: 'jwt' | 'api-key' | 'anonymous' | 'cli';
}

export const ANONYMOUS: Principal = { subject: 'anonymous', role: null, scope: {}, via: 'anonymous' };

export function isScoped(scope: RowScope): boolean {
  return scope.countries !== undefined || scope.sources !== undefined;
}

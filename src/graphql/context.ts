import type { Principal } from '../access/principal';
import type { Repositories } from '../store/repositories';
import type { Loaders } from './loaders';

export interface GraphQLContext {
  repos: Repositories;
  loaders: Loaders;
  /** Who is asking; field rules and row scopes read it. */
  principal: Principal;
}

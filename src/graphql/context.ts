import type { Repositories } from '../store/repositories';
import type { Loaders } from './loaders';

export interface GraphQLContext {
  repos: Repositories;
  loaders: Loaders;
}

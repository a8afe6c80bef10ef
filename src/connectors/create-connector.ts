import type { SourceConfig } from '../config/sources';
import { AppError } from '../errors';
import { CsvConnector } from './csv';
import { JsonConnector } from './json';
import { NdjsonConnector } from './ndjson';
import { SqlConnector } from './sql';
import type { Connector } from './types';

export function createConnector(source: SourceConfig): Connector {
  switch (source.kind) {
    case 'csv':
      return new CsvConnector(source);
    case 'ndjson':
      return new NdjsonConnector(source);
    case 'json':
      return new JsonConnector(source);
    case 'sql':
      return new SqlConnector(source);
    default:
      throw new AppError('CONFIG_INVALID', `source "${source.name}": kind "${source.kind}" has no connector yet`);
  }
}

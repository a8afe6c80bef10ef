import type { SourceConfig } from '../config/sources';
import { AppError } from '../errors';
import { CsvConnector } from './csv';
import { JsonConnector } from './json';
import { NdjsonConnector } from './ndjson';
import { RestConnector } from './rest';
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
    case 'rest':
      return new RestConnector(source);
    case 'push':
      // Push records arrive through the ingestRecords mutation; there is nothing to pull.
      throw new AppError('CONFIG_INVALID', `source "${source.name}" is a push source: its records are sent through the ingestRecords mutation, not extracted`);
  }
}

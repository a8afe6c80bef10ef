import type { SourceConfig } from '../config/sources';
import { CsvConnector } from './csv';
import type { Connector } from './types';

export function createConnector(source: SourceConfig): Connector {
  switch (source.kind) {
    case 'csv':
      return new CsvConnector(source);
  }
}

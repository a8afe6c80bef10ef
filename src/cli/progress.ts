import cliProgress from 'cli-progress';
import type { SourceConfig } from '../config/sources';
import type { SyncResult } from '../pipeline/sync-source';
import type { SyncCounts } from '../store/sync-run-repository';

export interface SyncReporter {
  onSourceStart(source: SourceConfig): void;
  onProgress(source: SourceConfig, counts: Readonly<SyncCounts>): void;
  onSourceEnd(result: SyncResult): void;
}

export function describeCounts(c: Readonly<SyncCounts>): string {
  return `read ${c.read}, inserted ${c.inserted}, updated ${c.updated}, unchanged ${c.unchanged}, quarantined ${c.quarantined}, duplicates ${c.duplicates}, deleted ${c.deleted}`;
}

/**
 * On a terminal: a live bar per source (records, rate, elapsed). Elsewhere (CI, pipes, logs):
 * one plain line per source when it ends. Sources do not say their size up front, so the bar
 * counts records rather than a percentage.
 */
export function createSyncReporter(stream: NodeJS.WriteStream = process.stderr): SyncReporter {
  const summary = (result: SyncResult): string =>
    `${result.source}: ${result.status}${result.dryRun ? ' (dry run, nothing written)' : ''} — ${describeCounts(result.counts)}${result.error ? `\n  ${result.error}` : ''}\n`;
  if (!stream.isTTY) {
    return { onSourceStart: () => undefined, onProgress: () => undefined, onSourceEnd: (result) => void stream.write(summary(result)) };
  }
  let bar: cliProgress.SingleBar | undefined;
  let started = 0;
  return {
    onSourceStart(source) {
      started = Date.now();
      bar = new cliProgress.SingleBar(
        { stream, format: `${source.name.padEnd(12)} {value} records | {rate} rec/s | {duration_formatted} | quarantined {quarantined}`, hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      bar.start(0, 0, { rate: 0, quarantined: 0 });
    },
    onProgress(_source, counts) {
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      bar?.setTotal(counts.read);
      bar?.update(counts.read, { rate: Math.round(counts.read / seconds), quarantined: counts.quarantined });
    },
    onSourceEnd(result) {
      bar?.stop();
      stream.write(summary(result));
    },
  };
}

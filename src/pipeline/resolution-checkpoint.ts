import type { Logger } from '../logging';
import { lookBackFrom } from '../store/block-key-repository';
import { fromDbTime, nowDbTime } from '../store/dialect';
import type { Repositories } from '../store/repositories';

/**
 * The time the next run may look back from (see lookBackFrom), once a run's outcome is written.
 * A run resolves what was committed when it started, so the records written within the clock
 * margin before its start are looked at again by the next run: after a run that followed a
 * large load, every record of the load's last minute. Comparing them now with the links just
 * written moves that point to this check when all of them are resolved, and the next run
 * compares only what was written since. When some are not (written while this run went on, or
 * deleted since), the run's start stays the point, as without the check.
 */
export async function resolvedThrough(repos: Repositories, logger: Logger, startedAt: string): Promise<string> {
  const checkedAt = nowDbTime();
  const began = performance.now();
  const pending = await repos.resolution.pendingChanges(lookBackFrom(fromDbTime(startedAt) as Date));
  const through = pending.changedIds.length === 0 && !pending.linksToInactive ? checkedAt : startedAt;
  logger.info({ resolvedThrough: through, writtenMeanwhile: pending.changedIds.length, millis: Math.round(performance.now() - began) }, 'resolution checkpoint');
  return through;
}

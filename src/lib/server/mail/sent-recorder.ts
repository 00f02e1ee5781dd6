import type { Db } from '../db';
import { nowIso } from '../time';
import { markSent } from './repository';

/** The longest a finished send waits for others to be recorded with it. */
const FLUSH_MS = 3;

/**
 * Records a worker's sends as sent, several to an UPDATE: each statement (a commit rewriting the
 * wide rows' pages) costs far more than a row. A batch goes when `full` says so, or a few
 * milliseconds after its first send finished; sends finishing meanwhile wait for the next one.
 * `record` resolves once the row says sent (or recording failed), which is when the worker frees
 * the send's slot: the crash bound (at most `concurrency` repeats) holds.
 */
export class SentRecorder {
	private pending: { id: number; settled: () => void }[] = [];
	private flushing = false;
	private timer: ReturnType<typeof setTimeout> | null = null;

	constructor(
		private readonly db: Db,
		private readonly owner: string,
		private readonly full: (pending: number) => boolean
	) {}

	record(id: number): Promise<void> {
		return new Promise((settled) => {
			this.pending.push({ id, settled });
			this.schedule();
		});
	}

	private schedule(): void {
		if (this.flushing || this.pending.length === 0) {
			return;
		}
		if (this.full(this.pending.length)) {
			if (this.timer) {
				clearTimeout(this.timer);
				this.timer = null;
			}
			this.flushing = true;
			setImmediate(() => void this.flush());
		} else if (!this.timer) {
			this.timer = setTimeout(() => {
				this.timer = null;
				if (!this.flushing) {
					this.flushing = true;
					void this.flush();
				}
			}, FLUSH_MS);
		}
	}

	private async flush(): Promise<void> {
		const batch = this.pending;
		this.pending = [];
		try {
			await markSent(
				this.db,
				batch.map((b) => b.id),
				this.owner,
				nowIso()
			);
		} catch (err) {
			// The leases run out and the messages are sent again: the duplicates the design allows.
			console.error('mail worker: could not record sent messages', err);
		} finally {
			this.flushing = false;
			for (const b of batch) {
				b.settled();
			}
			this.schedule();
		}
	}
}

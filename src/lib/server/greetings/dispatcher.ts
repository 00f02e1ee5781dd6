import type { Db } from '../db';
import { wakeMailWorker } from '../mail/outbox';
import { dispatchDue } from './dispatch';

/**
 * Hands due greetings of running campaigns to the outbox: every few seconds (a recipient's 09:00
 * arrives, the rate limit's minute moves on) and at once when a campaign starts or resumes. One
 * per process, started with the background work; nothing runs without it (tests call
 * dispatchDue themselves).
 */
class GreetingDispatcher {
	private timer: ReturnType<typeof setInterval> | null = null;
	private running: Promise<void> | null = null;
	private again = false;

	constructor(private readonly db: Db) {}

	start(intervalMs: number) {
		this.timer = setInterval(() => this.wake(), intervalMs);
		this.timer.unref();
		this.wake();
	}

	wake() {
		if (this.running) {
			this.again = true;
			return;
		}
		this.running = (async () => {
			do {
				this.again = false;
				try {
					if ((await dispatchDue(this.db)) > 0) {
						wakeMailWorker();
					}
				} catch (err) {
					console.error('greetings: dispatching failed', err);
				}
			} while (this.again && this.timer);
		})().finally(() => {
			this.running = null;
		});
	}

	async stop() {
		if (this.timer) {
			clearInterval(this.timer);
			this.timer = null;
		}
		await this.running;
	}
}

let current: GreetingDispatcher | null = null;

export function startGreetingDispatcher(db: Db, intervalMs = 5000): void {
	if (!current) {
		current = new GreetingDispatcher(db);
		current.start(intervalMs);
	}
}

export async function stopGreetingDispatcher(): Promise<void> {
	const dispatcher = current;
	current = null;
	await dispatcher?.stop();
}

/** Dispatch now rather than at the next tick (a campaign started or resumed). */
export function wakeGreetingDispatcher(): void {
	current?.wake();
}

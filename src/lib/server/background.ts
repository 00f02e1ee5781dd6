import { closeDb, type Db } from './db';
import { deleteExpiredSessions } from './auth/session';
import { pruneSignInThrottle } from './auth/throttle';
import { startMailWorker, stopMailWorker } from './mail/worker-process';
import { runAutomaticReminders } from './invitations/service';
import { startGreetingDispatcher, stopGreetingDispatcher } from './greetings/dispatcher';
import { runRecurringGreetings } from './greetings/recurring';

type Stop = () => Promise<void>;
const stops: Stop[] = [];
let started = false;

/**
 * Starts, once per process, the work that runs beside requests (the mail worker, automatic
 * reminders, clean-up) and stops it when the server has shut down (`sveltekit:shutdown`).
 */
export function startBackgroundWork(db: Db): void {
	if (started) {
		return;
	}
	started = true;
	// Hourly: ended sessions, and sign-in throttle rows whose window has ended.
	const cleanup = setInterval(() => {
		void deleteExpiredSessions(db).catch(console.error);
		void pruneSignInThrottle(db).catch(console.error);
	}, 3_600_000);
	cleanup.unref();
	stops.push(async () => clearInterval(cleanup));
	// Automatic reminders N days before a gathering's reply deadline; each goes out once.
	const reminders = setInterval(() => void runAutomaticReminders(db).catch(console.error), 300_000);
	reminders.unref();
	stops.push(async () => clearInterval(reminders));
	// Greeting campaigns: due greetings into the outbox, within the rate limit.
	startGreetingDispatcher(db);
	stops.push(stopGreetingDispatcher);
	// Birthday and anniversary greetings at 09:00 on each contact's own calendar: checked every
	// minute, each sent once a year (outbox dedupe key).
	const recurring = setInterval(() => void runRecurringGreetings(db).catch(console.error), 60_000);
	recurring.unref();
	stops.push(async () => clearInterval(recurring));
	if (startMailWorker(db)) {
		// Waits for the sends in flight, so a SIGTERM never cuts a message in half.
		stops.push(stopMailWorker);
	}
	// adapter-node handles SIGTERM/SIGINT itself: it stops accepting connections, answers the
	// requests it has begun, then emits this. Background work stops after the last answer and
	// the process ends by itself; exiting here instead would cut off answers being written.
	process.once('sveltekit:shutdown', () => {
		void stopBackgroundWork().then(closeDb);
	});
}

export function onStop(stop: Stop): void {
	stops.push(stop);
}

export async function stopBackgroundWork(): Promise<void> {
	await Promise.all(stops.splice(0).map((stop) => stop().catch(console.error)));
	started = false;
}

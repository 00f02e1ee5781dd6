import type Database from 'better-sqlite3';
import { SqliteDialect, type DatabaseConnection, type Driver } from 'kysely';

/**
 * Kysely's own SQLite dialect with two changes that matter under concurrent requests (measured
 * with bench/rsvp.ts):
 * - the one connection is handed out first come, first served. Kysely's mutex wakes every
 *   waiter on each release and lets any of them win, so with 50 requests queued each query
 *   costs 50 wake-ups and an unlucky request can wait for seconds;
 * - prepared statements are kept (a bounded cache keyed by SQL), since Kysely prepares every
 *   query anew and preparing costs about as much as running a small one.
 */
//
// When upgrading `kysely` (0.28.x today), re-check what this patch relies on beyond its API:
// - SqliteDialect's constructor accepts `database` as any object with `prepare()` and `close()`
//   (withStatementCache below), and calls `onCreateConnection` once with the single connection;
// - `createDriver()` returns a driver whose `acquireConnection` / `releaseConnection` may be
//   replaced on the instance (they are plain methods of SqliteDriver, which otherwise uses its
//   own mutex), and `init()` still creates the connection before the first acquire;
// - a statement is never used by two queries at once (SqliteConnection runs `prepare()` per
//   query, and streams hold the connection until they end), which the cache depends on.
// tests/integration/indexes.test.ts runs on this dialect, and bench/rsvp.ts shows the gain.
export class GalaSqliteDialect extends SqliteDialect {
	readonly #connection: Promise<DatabaseConnection>;

	constructor(sqlite: Database.Database, cacheSize = 500) {
		let setConnection!: (connection: DatabaseConnection) => void;
		const connection = new Promise<DatabaseConnection>((resolve) => (setConnection = resolve));
		super({
			database: withStatementCache(sqlite, cacheSize),
			onCreateConnection: async (created) => setConnection(created)
		});
		this.#connection = connection;
	}

	createDriver(): Driver {
		const driver = super.createDriver();
		const lock = new FifoLock();
		const connection = this.#connection;
		driver.acquireConnection = async () => {
			await lock.acquire();
			return connection;
		};
		driver.releaseConnection = async () => lock.release();
		return driver;
	}
}

/** A lock that serves waiters in the order they came. */
class FifoLock {
	#held = false;
	readonly #waiting: (() => void)[] = [];

	acquire(): Promise<void> {
		if (!this.#held) {
			this.#held = true;
			return Promise.resolve();
		}
		return new Promise((resolve) => this.#waiting.push(resolve));
	}

	release(): void {
		const next = this.#waiting.shift();
		if (next) {
			next();
		} else {
			this.#held = false;
		}
	}
}

/**
 * The database as Kysely sees it, with `prepare` answered from a least-recently-used cache.
 * Reusing a statement is safe here: the connection lock runs one query (or stream) at a time.
 */
function withStatementCache(sqlite: Database.Database, size: number) {
	const cache = new Map<string, Database.Statement>();
	return {
		close: () => sqlite.close(),
		prepare(sql: string): Database.Statement {
			let statement = cache.get(sql);
			if (statement) {
				cache.delete(sql);
			} else {
				statement = sqlite.prepare(sql);
				if (cache.size >= size) {
					cache.delete(cache.keys().next().value!);
				}
			}
			cache.set(sql, statement);
			return statement;
		}
	};
}

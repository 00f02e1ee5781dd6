import type { Executor } from './db';
import { todayIn } from './time';
import { getSettings } from './settings/service';

/** Today's date (YYYY-MM-DD) in the company's time zone, as review dates and file names use it. */
export async function companyToday(db: Executor): Promise<string> {
	return todayIn((await getSettings(db)).default_time_zone);
}

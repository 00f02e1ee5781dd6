import { z } from 'zod';
import type { Executor } from '../db';
import { NotFoundError } from '../errors';
import { parseMonthDay } from '../contacts/schema';
import { insertCustomOccasion, deleteCustomOccasion, findCustomOccasion } from './repository';

const noControl = (v: string) => !/\p{Cc}/u.test(v);

/** An occasion an admin adds to the calendar: both names and a yearly 'MM-DD'. */
export const customOccasionSchema = z.object({
	name_zh: z
		.string()
		.trim()
		.min(1, 'error_required')
		.max(60, 'error_too_long')
		.refine(noControl, 'error_required'),
	name_en: z
		.string()
		.trim()
		.min(1, 'error_required')
		.max(60, 'error_too_long')
		.refine(noControl, 'error_required'),
	month_day: z
		.string()
		.trim()
		.transform((v, ctx) => {
			const parsed = parseMonthDay(v);
			if (!parsed || parsed.year !== null) {
				ctx.addIssue({ code: 'custom', message: 'error_month_day' });
				return z.NEVER;
			}
			return parsed.month_day;
		})
});
export type CustomOccasionInput = z.output<typeof customOccasionSchema>;

export function addCustomOccasion(db: Executor, input: CustomOccasionInput): Promise<number> {
	return insertCustomOccasion(db, input);
}

export async function removeCustomOccasion(db: Executor, id: number): Promise<void> {
	if (!(await findCustomOccasion(db, id))) {
		throw new NotFoundError('greetings_error_occasion_not_found');
	}
	await deleteCustomOccasion(db, id);
}

import type { Db } from '$lib/server/db';
import { nowIso } from '$lib/server/time';
import { createCampaign } from '$lib/server/greetings/campaigns';
import { campaignSchema } from '$lib/server/greetings/campaign-form';
import type { AudienceFilter } from '$lib/server/greetings/campaign-repository';

/** Factory: a contact with the fields a greeting uses. */
export async function newRecipient(
	db: Db,
	accountId: number,
	values: {
		name: string;
		email?: string | null;
		locale?: 'zh-CN' | 'en';
		salutation?: string | null;
		name_latin?: string | null;
		time_zone?: string;
		greeting_opt_out?: number;
		birthday?: string | null;
	}
): Promise<number> {
	const now = nowIso();
	const row = await db
		.insertInto('contact')
		.values({
			account_id: accountId,
			name: values.name,
			name_latin: values.name_latin ?? null,
			email:
				values.email === undefined
					? `${Math.random().toString(36).slice(2)}@client.example`
					: values.email,
			locale: values.locale ?? 'zh-CN',
			salutation: values.salutation ?? null,
			time_zone: values.time_zone ?? 'Asia/Shanghai',
			greeting_opt_out: values.greeting_opt_out ?? 0,
			birthday: values.birthday ?? null,
			created_at: now,
			updated_at: now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** Factory: a Mid-Autumn campaign sent at a fixed instant (by default: already due). */
export async function newCampaign(
	db: Db,
	filter: AudienceFilter = {},
	values: Record<string, string> = {}
): Promise<number> {
	const input = campaignSchema.parse({
		name: '2027 中秋问候',
		occasion: 'mid_autumn',
		occasion_date: '2027-09-15',
		send_mode: 'fixed',
		send_local: '2020-01-01T09:00',
		send_zone: 'Asia/Shanghai',
		sender_mode: 'owner',
		subject_zh: '{{occasion}}快乐，{{salutation}}',
		body_zh:
			'尊敬的{{salutation}}：\n\n{{company}}的朋友们{{occasion}}快乐！{{zodiac}}年吉祥。\n\n{{account_manager}}',
		subject_en: 'Happy {{occasion}}, {{salutation}}',
		body_en:
			'Dear {{salutation}},\n\nHappy {{occasion}} to everyone at {{company}}. Year of the {{zodiac}}.\n\n{{account_manager}}',
		...values
	});
	return createCampaign(db, input, filter, null);
}

// The codes stored in the database and shown on both sides (roles, tiers, statuses). The
// schema (`$lib/server/db/schema.ts`) types its columns with these; pages import them from here.

export type Role = 'admin' | 'organizer' | 'viewer';
export type Locale = 'zh-CN' | 'en';
export type Channel =
	'distributor' | 'wholesaler_1' | 'wholesaler_2' | 'ka_retailer' | 'small_retail' | 'other';
export type Tier = 'key' | 'potential' | 'regular';
export type InviteeRole = 'guest' | 'executive' | 'staff';
export type InviteeStatus = 'not_invited' | 'invited' | 'accepted' | 'declined';
export type AnswerSource = 'link' | 'phone' | 'staff' | 'walk_in';
export type GatheringStatus = 'draft' | 'open' | 'closed' | 'done';
export type CallOutcome = 'confirmed' | 'declined' | 'no_answer' | 'call_back';
export type OutboxStatus = 'queued' | 'sent' | 'failed';

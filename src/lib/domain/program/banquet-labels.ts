import { m } from '$lib/paraglide/messages';
import type { LabelFn } from '$lib/i18n';
import type { SegmentKind } from './banquet';

/** Banquet segment kinds in words; typed by SegmentKind, so a kind without its message fails the build. */
export const segmentLabel: Record<SegmentKind, LabelFn> = {
	welcome: m.program_seg_welcome,
	gm_speech: m.program_seg_gm_speech,
	guest_speech: m.program_seg_guest_speech,
	mc_introductions: m.program_seg_mc_introductions,
	self_introductions: m.program_seg_self_introductions,
	toast: m.program_seg_toast,
	performance: m.program_seg_performance,
	dinner: m.program_seg_dinner,
	closing: m.program_seg_closing,
	other: m.program_seg_other
};

export const labelOfSegment = (kind: string, locale?: 'zh-CN' | 'en'): string =>
	kind in segmentLabel
		? segmentLabel[kind as SegmentKind]({}, locale ? { locale } : undefined)
		: kind;

import { m } from '$lib/paraglide/messages';
import type { ItemKind } from '$lib/domain/program/agenda';

export const kindLabel: Record<ItemKind, () => string> = {
	welcome: m.program_kind_welcome,
	tour: m.program_kind_tour,
	presentation: m.program_kind_presentation,
	discussion: m.program_kind_discussion,
	banquet: m.program_kind_banquet,
	entertainment: m.program_kind_entertainment,
	break: m.program_kind_break,
	transfer: m.program_kind_transfer,
	other: m.program_kind_other
};

export const labelOfKind = (kind: string): string =>
	kind in kindLabel ? kindLabel[kind as ItemKind]() : kind;

import { m } from '$lib/paraglide/messages';
import type { BreachView } from '$lib/domain/program/breaches';

/** A rule that gave way, said for the people it gave way for. */
export function breachText(b: BreachView): string {
	switch (b.rule) {
		case 'capacity':
			return m.program_breach_capacity({ names: b.names });
		case 'account_together':
			return m.program_breach_account_together({ company: b.company, names: b.names });
		case 'language':
			return m.program_breach_language({ names: b.names, group: b.group });
		case 'executive_spread':
			return m.program_breach_executive_spread({ group: b.group });
		case 'pinned_over_capacity':
			return m.program_breach_pinned_over_capacity({ group: b.group, names: b.names });
		case 'keep_apart':
			return m.program_breach_keep_apart({ names: b.names, group: b.group });
		case 'no_host':
			return m.program_breach_no_host({ group: b.group });
	}
}

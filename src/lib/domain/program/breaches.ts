/** A rule that gave way, ready to be said in the reader's language (names already joined). */
export interface BreachView {
	rule:
		| 'capacity'
		| 'account_together'
		| 'language'
		| 'executive_spread'
		| 'pinned_over_capacity'
		| 'keep_apart'
		| 'no_host';
	names: string;
	/** A group or table name (or several, joined). */
	group: string;
	company: string;
}

import { sql } from 'kysely';

// A person's table and tour group as other features show them (check-in row, badges). They
// read `invitee as i`, so these expressions name it so; the person key of an invitee is 'i<id>'.

/** The name of the table the invitee is seated at, or null. */
export const tableOfInvitee = sql<string | null>`(select st.name from seat_assignment sa
  join seating_table st on st.id = sa.table_id
  where sa.gathering_id = i.gathering_id and sa.person_key = 'i' || i.id)`;

/** The name of the invitee's tour group, or null. */
export const tourOfInvitee = sql<string | null>`(select tg.name from tour_member tm
  join tour_group tg on tg.id = tm.group_id
  where tm.gathering_id = i.gathering_id and tm.person_key = 'i' || i.id)`;

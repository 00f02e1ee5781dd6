import type { Insertable } from 'kysely';
import type { ProgramItemTable } from '../db/schema';

export type NewProgramItemRow = Insertable<ProgramItemTable>;

import type { PageData } from './$types';

/** One person at the door as the check-in page's load shapes them (types only; no server code). */
export type DoorPerson = PageData['results'][number];

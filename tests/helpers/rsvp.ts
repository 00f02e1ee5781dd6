import { rsvpAnswerSchema, type RsvpAnswer } from '$lib/server/rsvp/service';

/** A guest's answer as the RSVP form sends it: just yes or no, every other field left empty. */
export function plainAnswer(answer: 'accepted' | 'declined' = 'accepted'): RsvpAnswer {
	return rsvpAnswerSchema.parse({
		answer,
		companions: [],
		dietary: '',
		tour_language: '',
		arrival_details: '',
		message_to_host: ''
	});
}

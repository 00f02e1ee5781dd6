// The few parts of autocannon's API the RSVP benchmark uses (the package ships no types).
declare module 'autocannon' {
	interface Histogram {
		average: number;
		mean: number;
		p50: number;
		p99: number;
		max: number;
	}
	interface RawRequest {
		method?: string;
		path?: string;
		headers?: Record<string, string>;
		body?: string;
	}
	interface Options {
		url: string;
		connections?: number;
		duration?: number;
		pipelining?: number;
		requests?: { setupRequest?: (request: RawRequest) => RawRequest }[];
	}
	interface Result {
		requests: Histogram & { total: number };
		latency: Histogram;
		errors: number;
		timeouts: number;
		non2xx: number;
		statusCodeStats: Record<string, { count: number }>;
		duration: number;
	}
	function autocannon(options: Options): Promise<Result>;
	export default autocannon;
}

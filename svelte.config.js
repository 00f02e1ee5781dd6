import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SECURITY_HEADERS } from './src/lib/server/http/security-headers.js';

/**
 * adapter-node, with Gala's security headers on every response. SvelteKit's hooks never see the
 * static files (adapter-node serves them first) nor the redirects and errors a hook throws, so
 * after the adapter has written its server the entry `index.js` becomes `server.js`, and a small
 * new `index.js` sets the headers on each response before adapter-node handles it. `node build`
 * still starts the same server, with its graceful shutdown; SvelteKit's own headers win where
 * both set one.
 * @param {import('@sveltejs/adapter-node').AdapterOptions & { out: string }} options
 * @returns {import('@sveltejs/kit').Adapter}
 */
function nodeWithSecurityHeaders(options) {
	const base = adapter(options);
	return {
		...base,
		async adapt(builder) {
			await base.adapt(builder);
			const out = options.out;
			const server = readFileSync(join(out, 'index.js'), 'utf8');
			writeFileSync(
				join(out, 'server.js'),
				server.replace('sourceMappingURL=index.js.map', 'sourceMappingURL=server.js.map')
			);
			if (existsSync(join(out, 'index.js.map'))) {
				renameSync(join(out, 'index.js.map'), join(out, 'server.js.map'));
			}
			writeFileSync(
				join(out, 'index.js'),
				`// Written by svelte.config.js: adapter-node's server with Gala's security headers.
import { server } from './server.js';

const headers = Object.entries(${JSON.stringify(SECURITY_HEADERS)});
// First in line, before adapter-node's static files and SvelteKit run.
server.server.prependListener('request', (_request, response) => {
	for (const [name, value] of headers) {
		response.setHeader(name, value);
	}
});

export * from './server.js';
`
			);
		}
	};
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// GALA_BUILD_DIR and GALA_KIT_DIR let several end-to-end runs build side by side.
		adapter: nodeWithSecurityHeaders({ out: process.env.GALA_BUILD_DIR ?? 'build' }),
		outDir: process.env.GALA_KIT_DIR ?? '.svelte-kit',
		typescript: {
			// Scripts, migrations and benchmarks are TypeScript too: type-check and lint them.
			config: (tsconfig) => {
				tsconfig.include.push(
					'../scripts/**/*.ts',
					'../migrations/**/*.ts',
					'../bench/**/*.ts',
					'../playwright.config.ts'
				);
			}
		},
		// The cross-site form check runs in hooks.server.ts (auth/csrf.ts), the same as Kit's but
		// letting mail clients POST RFC 8058 one-click unsubscribes, which carry no Origin.
		csrf: { trustedOrigins: ['*'] },
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// Svelte transitions and chart libraries set inline styles.
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'connect-src': ['self'],
				'frame-src': ['self'],
				'frame-ancestors': ['none'],
				'form-action': ['self'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		}
	}
};

export default config;

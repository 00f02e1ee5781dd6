import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// GALA_BUILD_DIR and GALA_KIT_DIR let several end-to-end runs build side by side.
		adapter: adapter({ out: process.env.GALA_BUILD_DIR ?? 'build' }),
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

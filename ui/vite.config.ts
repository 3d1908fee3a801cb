// Build and unit-test configuration for the Barents Desk web view.
// The output must stay CSP-clean: CSS goes to files (emitCss), no inline script or style in index.html.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // WebKitGTK 2.50 / WKWebView / WebView2 are all far newer than this.
    target: 'safari16',
    // The polyfill is not needed by these engines; keeping it off keeps the output minimal.
    modulePreload: { polyfill: false },
    // Never inline assets as data: URLs for scripts; small images may still inline (img-src allows data:).
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  // Component tests mount Svelte in jsdom, which needs the browser build of svelte.
  resolve: mode === 'test' ? { conditions: ['browser'] } : undefined,
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    restoreMocks: true,
  },
}));

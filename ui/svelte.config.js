// Svelte compiler settings shared by Vite, Vitest and svelte-check.
// Runes mode everywhere; TypeScript in <script lang="ts"> needs no preprocessor in Svelte 5.
/** @type {import('@sveltejs/vite-plugin-svelte').SvelteConfig} */
export default {
  compilerOptions: {
    runes: true,
  },
};

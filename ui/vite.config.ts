import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The portal: built into build/ui, which `streamspace api` serves at `/` (src/server/plugins/ui.ts).
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: "../build/ui",
    emptyOutDir: true,
    // No inline scripts or data URLs for modules: the CSP allows only our own files.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    // `npm run ui:dev`: the API on its default port answers /api.
    proxy: { "/api": { target: "http://127.0.0.1:8081", changeOrigin: false } },
  },
});

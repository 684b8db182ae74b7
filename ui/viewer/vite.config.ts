import { defineConfig } from "vite";

// The VNC viewer: a page of its own, served by the session gateway on each session's origin under
// /_streamspace/viewer/, so its WebSocket to the gateway's VNC bridge is same-origin (the gateway refuses
// other origins) and carries that origin's ticket cookie, never the portal's.
export default defineConfig({
  root: import.meta.dirname,
  base: "/_streamspace/viewer/",
  build: {
    outDir: "../../build/ui-viewer",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});

#!/usr/bin/env node
// Runs the compiled CLI (`npm run build` writes build/, as the image does); in a checkout without a
// build, runs the TypeScript source through tsx (a dev dependency), so `npx streamspace` just works.
import { existsSync } from "node:fs";

const built = new URL("../build/src/cli/streamspace.js", import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(new URL("../src/cli/streamspace.ts", import.meta.url).href);
}

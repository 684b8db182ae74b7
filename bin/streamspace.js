#!/usr/bin/env node
// Runs the compiled CLI (`npm run build` writes build/); see src/cli/streamspace.ts.
import("../build/src/cli/streamspace.js");

import { ValidationError } from "../api/validation/validate.js";

/** Runs a command; a failure prints its message (not a stack trace, for expected errors) and exits 1. */
export function runMain(main: () => void | Promise<void>): void {
  Promise.resolve()
    .then(main)
    .catch((error: unknown) => {
      console.error(error instanceof ValidationError ? error.message : error);
      process.exit(1);
    });
}

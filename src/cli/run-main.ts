import { ValidationError } from "../api/validation/validate.js";
import { type KubeConfig, loadKubeConfig } from "../core/kubeconfig.js";

/** A failure the user can fix from its message alone: printed without a stack trace. */
export class CommandError extends Error {}

/** Runs a command; a failure prints its message (not a stack trace, for expected errors) and exits 1. */
export function runMain(main: () => void | Promise<void>): void {
  Promise.resolve()
    .then(main)
    .catch((error: unknown) => {
      console.error(
        error instanceof ValidationError || error instanceof CommandError ? error.message : error,
      );
      process.exit(1);
    });
}

/** The kubeconfig, or a CommandError saying which ones were looked for. */
export function cliKubeConfig(): KubeConfig {
  try {
    return loadKubeConfig();
  } catch (error) {
    throw new CommandError((error as Error).message);
  }
}

/** A whole number from `min` to `max` from an option, or the fallback when the option is absent. */
export function integerOption(
  name: string,
  text: string | undefined,
  fallback: number,
  { min, max, expected }: { min: number; max: number; expected: string },
): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new CommandError(`--${name}: "${text}" is not ${expected}`);
  return n;
}

/** A port from an option (0 picks a free one), or the fallback when the option is absent. */
export function portOption(name: string, text: string | undefined, fallback: number): number {
  return integerOption(name, text, fallback, { min: 0, max: 65535, expected: "a port number" });
}

import type { IConstruct } from "constructs";

/**
 * Marks a construct as present only when a value of the platform config is true (a boolean, or a
 * non-empty string), or, written `path=value`, equals that value. Plain synth simply leaves such
 * constructs out; the Helm chart generator wraps their objects in `{{- if .Values.<path> }}` (or
 * `eq .Values.<path> "value"`), so both outputs stay the same code.
 */
const KEY = "streamspace:only-when";

export function onlyWhen(construct: IConstruct, valuesPath: string): void {
  construct.node.addMetadata(KEY, valuesPath);
}

/** The config paths that must all be true for this construct to exist. */
export function conditionsOf(construct: IConstruct): string[] {
  return construct.node.scopes.flatMap((scope) =>
    scope.node.metadata.filter((entry) => entry.type === KEY).map((entry) => String(entry.data)),
  );
}

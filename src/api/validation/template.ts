import { appEndpoint, appTypeOf } from "../app-endpoint.js";
import type { Template } from "../generated/types.js";
import { formatFieldError } from "./field-errors.js";
import { validateResource } from "./validate.js";

/** Schema and semantic checks of a Template: the validated Template (defaults applied), or what is wrong. */
export function checkTemplate(template: Template): { template: Template } | { problem: string } {
  const checked = validateResource<Template>("Template", template);
  if (!checked.ok) return { problem: checked.errors.map(formatFieldError).join("; ") };
  const problem = templateProblem(checked.value);
  return problem ? { problem } : { template: checked.value };
}

/** Semantic checks the schema cannot express; undefined when the Template is usable. */
export function templateProblem(template: Template): string | undefined {
  const spec = template.spec;
  const appType = appTypeOf(spec);
  if (!appType) return "spec.appType is required when neither spec.vnc nor spec.webapp is enabled";
  if ((appType === "desktop" || appType === "hybrid") && !spec.vnc) {
    return `spec.vnc is required for appType ${appType}`;
  }
  if ((appType === "webapp" || appType === "hybrid") && !spec.webapp) {
    return `spec.webapp is required for appType ${appType}`;
  }
  try {
    appEndpoint(spec);
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
}

import { nextConditions } from "../../api/conditions.js";
import { rfc3339 } from "../../api/durations.js";
import type { Template, TemplateStatus } from "../../api/generated/types.js";
import { REPOSITORY_LABEL, SOURCE_COMMIT_ANNOTATION, SOURCE_PATH_ANNOTATION } from "../../api/labels.js";
import type { Cached } from "../../api/objects.js";
import { GROUP_VERSION } from "../../api/schemas/index.js";
import { checkTemplate } from "../../api/validation/template.js";
import { patchStatus } from "../../apply/apply.js";
import { statusPatch } from "../../apply/status-patch.js";
import type { Informer } from "../../core/informer.js";
import type { KubeConfig } from "../../core/kubeconfig.js";
import type { ReconcileResult } from "../../core/queue.js";

/** Valid or not, and why: the schema first, then what the schema cannot say (a port for the app type). */
export function templateValidity(template: Template): { valid: boolean; message: string } {
  const checked = checkTemplate(template);
  return "problem" in checked
    ? { valid: false, message: checked.problem }
    : { valid: true, message: "the template can be launched" };
}

/**
 * Where the Template came from, when a TemplateRepository applied it: the sync writes it as a label and
 * annotations in the same apply as the Template (one write, not two), and it is shown here in status.
 */
function sourceOf(template: Template): TemplateStatus["source"] | undefined {
  const repository = template.metadata?.labels?.[REPOSITORY_LABEL];
  if (!repository) return undefined;
  const annotations = template.metadata?.annotations ?? {};
  return {
    repository,
    ...(annotations[SOURCE_PATH_ANNOTATION] ? { path: annotations[SOURCE_PATH_ANNOTATION] } : {}),
    ...(annotations[SOURCE_COMMIT_ANNOTATION] ? { commit: annotations[SOURCE_COMMIT_ANNOTATION] } : {}),
  };
}

export function nextTemplateStatus(template: Template, now: number): TemplateStatus {
  const { valid, message } = templateValidity(template);
  const reason = valid ? "Valid" : "ValidationFailed";
  const generation = template.metadata?.generation;
  return {
    ...template.status,
    source: sourceOf(template),
    valid: valid ? "True" : "False",
    reason,
    message,
    ...(generation !== undefined ? { observedGeneration: generation } : {}),
    conditions: nextConditions(
      template.status?.conditions,
      [
        { type: "Ready", status: valid ? "True" : "False", reason, message },
        ...(valid ? [] : [{ type: "Stalled", status: "True" as const, reason, message }]),
      ],
      valid ? ["Stalled"] : [],
      rfc3339(now),
      generation,
    ),
  };
}

/** Validates each Template and reports it in status; writes only when the verdict changes. */
export function templateReconciler(
  kubeConfig: KubeConfig,
  templates: Informer<Cached<Template>>,
  now = Date.now,
) {
  return async (key: string, signal: AbortSignal): Promise<ReconcileResult | undefined> => {
    const template = templates.store.get(key);
    if (!template) return undefined;
    const patch = statusPatch(template.status, nextTemplateStatus(template, now()));
    if (!patch) return undefined;
    const { name, namespace } = template.metadata ?? {};
    await patchStatus(
      kubeConfig,
      { apiVersion: GROUP_VERSION, kind: "Template", name: name ?? "", ...(namespace ? { namespace } : {}) },
      patch,
      signal,
    );
    return undefined;
  };
}

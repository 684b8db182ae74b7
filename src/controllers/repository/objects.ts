import type { KubernetesObject } from "@kubernetes/client-node";
import type {
  TemplateRepository as TemplateRepositoryResource,
  Template as TemplateResource,
} from "../../api/generated/types.js";

export const CONTROLLER_NAME = "templaterepository";

/** Our kinds as informers hold them: client-node's metadata type, with times as the strings JSON has. */
export type TemplateRepository = TemplateRepositoryResource & KubernetesObject;
export type Template = TemplateResource & KubernetesObject;
/** A repository read from the cache, where metadata is always present. */
export type Repo = TemplateRepository & { metadata: NonNullable<TemplateRepository["metadata"]> };

import type { KubernetesObject } from "@kubernetes/client-node";

/** One of our kinds as an informer caches it: client-node's metadata type, times as the strings JSON has. */
export type Cached<T> = T & KubernetesObject;

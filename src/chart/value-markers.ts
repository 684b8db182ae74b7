import type { JsonSchema } from "../api/schemas/index.js";

/**
 * To turn the constructs into Helm templates, they are synthesized once with a "marker config":
 * every string or integer of the config is replaced by a marker naming its path, which then
 * becomes `{{ .Values.<path> }}`. Booleans are switches: they are set to true so that every
 * optional construct exists, and onlyWhen() tells which `{{ if }}` wraps it.
 */

const MARKER = /^__SSV\.([A-Za-z0-9.]+)__$/;
const ANY_MARKER = /__SSV\.[A-Za-z0-9.]+__/;

export const CONFIG_JSON_MARKER = "__SSV_CONFIG_JSON__";
export const CONFIG_CHECKSUM_MARKER = "__SSV_CONFIG_CHECKSUM__";

export type LeafType = "string" | "integer";

function marker(path: string): string {
  return `__SSV.${path}__`;
}

/** The marker config for a config schema, and the type of each leaf by path. */
export function markerConfig(schema: JsonSchema): { config: unknown; leaves: Map<string, LeafType> } {
  const leaves = new Map<string, LeafType>();
  const walk = (node: JsonSchema, path: string): unknown => {
    if (node.type === "object") {
      const properties = (node.properties ?? {}) as Record<string, JsonSchema>;
      return Object.fromEntries(
        Object.entries(properties).map(([key, child]) => [key, walk(child, path ? `${path}.${key}` : key)]),
      );
    }
    if (node.type === "boolean") return true;
    if (node.type !== "string" && node.type !== "integer") {
      throw new Error(`config field ${path} has type ${String(node.type)}, which the chart generator cannot template`);
    }
    leaves.set(path, node.type);
    return marker(path);
  };
  return { config: walk(schema, ""), leaves };
}

/**
 * Replaces each marker scalar in synthesized YAML with its Helm expression. A marker inside a
 * longer string cannot be templated this way; rather than emit a wrong chart, it is an error.
 */
export function substituteMarkers(yamlText: string, leaves: ReadonlyMap<string, LeafType>): string {
  return yamlText
    .split("\n")
    .map((line) => {
      const match = /^(\s*(?:- )?(?:[^:#]+: )?)(["']?)(.*?)\2$/.exec(line);
      const scalar = match?.[3] ?? "";
      if (scalar === CONFIG_JSON_MARKER) return `${match?.[1]}{{ .Values | toJson | quote }}`;
      if (scalar === CONFIG_CHECKSUM_MARKER) return `${match?.[1]}{{ .Values | toJson | sha256sum | quote }}`;
      const path = MARKER.exec(scalar)?.[1];
      if (path !== undefined) {
        const type = leaves.get(path);
        if (!type) throw new Error(`marker for unknown config field ${path}`);
        return `${match?.[1]}{{ .Values.${path}${type === "string" ? " | quote" : ""} }}`;
      }
      if (ANY_MARKER.test(line) || line.includes("__SSV_CONFIG")) {
        throw new Error(`a config value is embedded in a longer string, which the chart cannot template: ${line.trim()}`);
      }
      return line;
    })
    .join("\n");
}

/** Text that must reach the user as-is: a literal `{{` would otherwise start a Helm action. */
export function escapeHelm(text: string): string {
  return text.replace(/\{\{/g, '{{ "{{" }}');
}

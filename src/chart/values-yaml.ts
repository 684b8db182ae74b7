import { stringify } from "yaml";
import type { JsonSchema } from "../api/schemas/index.js";

/** values.yaml: every default of the config schema, each under its description as a comment. */
export function valuesYaml(schema: JsonSchema, defaults: Record<string, unknown>): string {
  const lines: string[] = [];
  const emit = (node: JsonSchema, values: Record<string, unknown>, indent: string) => {
    const properties = (node.properties ?? {}) as Record<string, JsonSchema>;
    for (const [key, child] of Object.entries(properties)) {
      if (lines.length > 0 && indent === "") lines.push("");
      const notes = [child.description, child.enum ? `One of: ${(child.enum as unknown[]).join(", ")}.` : undefined];
      for (const note of notes.filter(Boolean)) lines.push(`${indent}# ${String(note)}`);
      const value = values[key];
      if (child.type === "object") {
        lines.push(`${indent}${key}:`);
        emit(child, (value ?? {}) as Record<string, unknown>, `${indent}  `);
      } else {
        lines.push(`${indent}${key}: ${stringify(value).trimEnd()}`);
      }
    }
  };
  emit(schema, defaults, "");
  return `${lines.join("\n")}\n`;
}

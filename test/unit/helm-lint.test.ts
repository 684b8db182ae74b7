import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { helmBinary } from "../support/helm.js";

function helmResult(args: string[]): { code: number; output: string } {
  try {
    return { code: 0, output: execFileSync(helmBinary(), args, { encoding: "utf8", stdio: "pipe" }) };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { code: failed.status, output: `${failed.stdout}${failed.stderr}` };
  }
}

describe("the generated chart", () => {
  it("passes helm lint --strict", () => {
    const { code, output } = helmResult(["lint", "--strict", "chart"]);
    expect(output).toContain("0 chart(s) failed");
    expect(code).toBe(0);
  });

  it("rejects a misspelled value, naming it, because values.schema.json forbids unknown keys", () => {
    const { code, output } = helmResult(["template", "x", "chart", "--set", "reconciler.replica=3"]);
    expect(code).not.toBe(0);
    expect(output).toContain("replica");
  });

  it("rejects a value of the wrong type", () => {
    const { code, output } = helmResult(["template", "x", "chart", "--set", "ingress.routing=sideways"]);
    expect(code).not.toBe(0);
    expect(output).toMatch(/routing/);
  });
});

import { describe, expect, it } from "vitest";
import { nextTemplateStatus } from "../../src/controllers/template/reconcile.js";
import { desktopTemplate } from "./fixtures/session-fixtures.js";

const NOW = Date.parse("2026-11-23T12:00:00Z");

describe("a Template's status.source", () => {
  it("names the repository, file and commit a TemplateRepository applied it from", () => {
    const template = desktopTemplate();
    template.metadata = {
      ...template.metadata,
      labels: { "streamspace.io/repository": "streamspace-catalog" },
      annotations: {
        "streamspace.io/source-path": "catalog/templates/browsers/firefox.yaml",
        "streamspace.io/source-commit": "0123456789abcdef0123456789abcdef01234567",
      },
    };
    expect(nextTemplateStatus(template, NOW).source).toEqual({
      repository: "streamspace-catalog",
      path: "catalog/templates/browsers/firefox.yaml",
      commit: "0123456789abcdef0123456789abcdef01234567",
    });
  });

  it("is absent for a Template applied by hand", () => {
    expect(nextTemplateStatus(desktopTemplate(), NOW).source).toBeUndefined();
  });
});

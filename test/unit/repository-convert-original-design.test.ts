/**
 * Templates in the forms the original design writes are converted on import, each change a warning:
 * the current apiVersion with a kasmvnc block, flat resources and a user-home mount, and legacy names
 * that are not DNS names. A Template with no appType, as the design's example, needs no conversion.
 */
import { expect, test } from "vitest";
import { firefoxInCurrentGroup, originalDesign, readTemplates as read } from "../support/original-design.js";

const designForm = firefoxInCurrentGroup();

test("the current apiVersion with kasmvnc, flat resources and user-home is converted, with a warning each", () => {
  const { definitions, problems } = read("browsers/firefox.yaml", designForm);
  expect(problems.map((p) => [p.field, p.severity])).toEqual([
    ["spec.kasmvnc", "Warning"],
    ["spec.defaultResources", "Warning"],
    ["spec.volumeMounts[0].name", "Warning"],
  ]);
  expect(definitions.map((d) => d.name)).toEqual(["firefox-browser"]);
  expect(definitions[0]?.spec).toMatchObject({
    appType: "desktop",
    vnc: { enabled: true, port: 3000, protocol: "websocket" },
    volumeMounts: [{ name: "home", mountPath: "/config" }],
    defaultResources: { requests: { memory: "2Gi", cpu: "1000m" }, limits: { memory: "2Gi", cpu: "1000m" } },
  });
  expect(definitions[0]?.spec).not.toHaveProperty("kasmvnc");
});

test("a legacy name that is not a DNS name is applied as one, with a warning naming both", () => {
  const text = designForm.replace("name: firefox-browser", "name: your_Spotify");
  const { definitions, problems } = read("music/your_spotify.yaml", text);
  expect(definitions.map((d) => d.name)).toEqual(["your-spotify"]);
  expect(problems).toContainEqual(
    expect.objectContaining({
      field: "metadata.name",
      severity: "Warning",
      message: expect.stringMatching(/"your_Spotify" is not a valid name.*applied as your-spotify/),
    }),
  );
});

test("a name with nothing left to convert is still an error", () => {
  const { definitions, problems } = read("x.yaml", designForm.replace("name: firefox-browser", 'name: "__"'));
  expect(definitions).toEqual([]);
  expect(problems).toContainEqual(expect.objectContaining({ field: "metadata.name", severity: "Error" }));
});

test("the design's example Template, with vnc and no appType, is read as it is, with no problem", () => {
  const example = originalDesign("firefox-example.yaml");
  const { definitions, problems } = read("browsers/firefox.yaml", example);
  expect(problems).toEqual([]);
  expect(definitions[0]?.spec).not.toHaveProperty("appType");
});

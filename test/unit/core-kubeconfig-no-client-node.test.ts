// The reconciler must not load @kubernetes/client-node at run time (its generated API costs ~75 MB):
// src/ may only import its types. `import type` is checked rather than trusting tsc to elide an
// import used only as a type, which it stops doing under verbatimModuleSyntax or another compiler.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { expect, test } from "vitest";

const root = new URL("../..", import.meta.url).pathname;
const CLIENT_NODE = /^@kubernetes\/client-node(\/|$)/;

/** Run-time uses of client-node in a file: value imports, re-exports, import() and require(). */
function runtimeUses(file: string, text = readFileSync(file, "utf8")): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    const from = (specifier: ts.Node | undefined) =>
      specifier !== undefined && ts.isStringLiteral(specifier) && CLIENT_NODE.test(specifier.text);
    const line = () => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    if (ts.isImportDeclaration(node) && from(node.moduleSpecifier) && !node.importClause?.isTypeOnly)
      found.push(`${relative(root, file)}:${line()}: ${node.getText()}`);
    else if (ts.isExportDeclaration(node) && from(node.moduleSpecifier) && !node.isTypeOnly)
      found.push(`${relative(root, file)}:${line()}: ${node.getText()}`);
    else if (ts.isImportEqualsDeclaration(node) && !node.isTypeOnly) {
      const ref = node.moduleReference;
      if (ts.isExternalModuleReference(ref) && from(ref.expression))
        found.push(`${relative(root, file)}:${line()}: ${node.getText()}`);
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === "require")) &&
      from(node.arguments[0])
    )
      found.push(`${relative(root, file)}:${line()}: ${node.getText()}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.[cm]?tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

test("src/ imports @kubernetes/client-node with `import type` only", () => {
  const files = sourceFiles(join(root, "src"));
  expect(files.length).toBeGreaterThan(20);
  expect(files.flatMap((f) => runtimeUses(f))).toEqual([]);
});

test("the check catches each run-time form, and lets types through", () => {
  const probe = [
    'import type { V1Pod } from "@kubernetes/client-node";',
    'import { KubeConfig } from "@kubernetes/client-node";',
    'import { type V1Pod as P } from "@kubernetes/client-node";',
    'export { Watch } from "@kubernetes/client-node/dist/watch.js";',
    'const k = await import("@kubernetes/client-node");',
    'import cn = require("@kubernetes/client-node");',
    'type T = import("@kubernetes/client-node").V1Pod;',
    'export type { V1Pod } from "@kubernetes/client-node";',
  ].join("\n");
  const lines = runtimeUses(join(root, "src/probe.ts"), probe).map((f) => f.split(":")[1]);
  expect(lines).toEqual(["2", "3", "4", "5", "6"]);
});

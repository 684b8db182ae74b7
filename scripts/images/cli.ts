// npm run images [-- --import SOCKET]   builds the session images (cached) and optionally imports them.
// See docs/decisions/0071-session-images-from-debian-packages.md.
import { parseArgs } from "node:util";
import { ensureImages, importImages } from "./build.js";
import { IMAGES } from "./definitions.js";

const usage = `usage: npm run images [-- --import SOCKET]

Builds, from Debian packages, the images the local cluster's real node runs (cached by content in
~/.cache/streamspace/images/), then prints the archives. Needs root (debootstrap).
${IMAGES.map((i) => `  ${i.name}`).join("\n")}

options:
  --import SOCKET  also load them into the containerd listening on SOCKET
                   (cluster:up --real-node does this for its node)`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { import: { type: "string" }, help: { type: "boolean", short: "h", default: false } },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const archives = await ensureImages();
  if (values.import) await importImages(values.import, archives);
  for (const a of archives) console.log(a);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);

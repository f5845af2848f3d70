/**
 * The README's GraphQL examples as documents for the check: a README that drifts from the schema
 * fails codegen like any client would. Anonymous examples are named `Readme<N>` (in README order)
 * because generated types need operation names; nothing else is changed.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Kind, parse, print, visit } from "graphql";

const here = dirname(fileURLToPath(import.meta.url));
const readme = join(here, "..", "..", "README.md");
const out = join(here, "generated", "readme");

const fence = /^```graphql\n([\s\S]*?)^```/gm;
const examples = [...readFileSync(readme, "utf8").matchAll(fence)].map((m) => m[1] ?? "");
if (examples.length === 0) {
  throw new Error(`${readme}: no \`\`\`graphql examples found`);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
examples.forEach((text, index) => {
  const n = index + 1;
  let document;
  try {
    document = parse(text);
  } catch (error) {
    throw new Error(`README.md example ${n} does not parse: ${String(error)}\n${text}`);
  }
  const named = visit(document, {
    OperationDefinition: (node) =>
      node.name ? node : { ...node, name: { kind: Kind.NAME, value: `Readme${n}` } },
  });
  writeFileSync(join(out, `readme-${n}.graphql`), `# README.md example ${n}\n${print(named)}\n`);
});
console.log(`${examples.length} README examples written to ${out}`);

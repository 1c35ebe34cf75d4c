// Read YAML files and write them back exactly as Decap CMS does (decap-cms-core
// src/formats/yaml.ts: the `yaml` 1.x package, YAML 1.2 core schema, its
// timestamp tag), with the same `yaml` package Decap depends on (node_modules).
// Usage: node decap_yaml.mjs <in> <out> [<in> <out> ...]
import fs from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const yaml = require(require.resolve("yaml", { paths: [require.resolve("decap-cms-core")] }));

const timestampTag = {
  identify: (value) => value instanceof Date,
  default: true,
  tag: "!timestamp",
  test: /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2}(\.[0-9]+)?)Z$/,
  resolve: (str) => new Date(str),
  stringify: (value) => value.value.toISOString(),
};

function fromFile(content) {
  const doc = yaml.parseDocument(content, { customTags: [timestampTag], prettyErrors: true });
  if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => e.message).join("\n"));
  return doc.toJSON();
}

function toFile(data) {
  const doc = new yaml.Document();
  doc.contents = yaml.createNode(data);
  return doc.toString();
}

const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 2) {
  fs.writeFileSync(args[i + 1], toFile(fromFile(fs.readFileSync(args[i], "utf8"))));
}

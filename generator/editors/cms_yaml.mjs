// Write map files exactly as the form editor saves them (`sociale-kaart format`).
//
// A save in the form is: the CMS reads the file (its YAML reader), our preSave
// handler in generator/assemble/form_editor.js puts every group in the order of
// the form's fields and leaves out emptied fields, and the CMS writes the data
// with its YAML writer. This script does the same with the same code: the
// handler is form_editor.js itself, run with the CMS's own Immutable library,
// and the reader and writer are the CMS's `yaml` package with its options.
//
// stdin: {"writer": "decap"|"sveltia", "resolve_from": [dir, ...],
//         "form_editor_js": path, "fields": {"collections": [...]},
//         "files": [{"path", "collection", "slug"}, ...]}
// stdout: {"texts": {path: text}} or {"error": "...", "path": "..."}
import fs from "node:fs";
import { createRequire } from "node:module";
import vm from "node:vm";

const request = JSON.parse(fs.readFileSync(0, "utf8"));
const require = createRequire(import.meta.url);

function load(name, from) {
  return require(require.resolve(name, { paths: from }));
}

// Decap CMS (decap-cms-core src/formats/yaml.ts): the `yaml` 1.x package that
// decap-cms-core depends on, its timestamp tag, createNode + Document.toString()
// with the default options, top-level keys sorted by the collection's fields.
function decapWriter(from) {
  const core = [require.resolve("decap-cms-core", { paths: from })];
  const yaml = load("yaml", core);
  const timestampTag = {
    identify: (value) => value instanceof Date,
    default: true,
    tag: "!timestamp",
    test: /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2}(\.[0-9]+)?)Z$/,
    resolve: (str) => new Date(str),
    stringify: (value) => value.value.toISOString(),
  };
  const sortKeys = (sortedKeys) => (a, b) => {
    const idxA = sortedKeys.indexOf(a.key?.toString());
    const idxB = sortedKeys.indexOf(b.key?.toString());
    if (idxA === -1 || idxB === -1) return 0;
    return idxA > idxB ? 1 : idxA < idxB ? -1 : 0;
  };
  return {
    immutable: load("immutable", core),
    read(content) {
      if (content && content.trim().endsWith("---")) content = content.trim().slice(0, -3);
      const doc = yaml.parseDocument(content, { customTags: [timestampTag], prettyErrors: true });
      if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => e.message).join("\n"));
      return doc.toJSON();
    },
    write(data, fieldsOrder) {
      const contents = yaml.createNode(data);
      contents.items.sort(sortKeys(fieldsOrder));
      const doc = new yaml.Document();
      doc.contents = contents;
      const text = doc.toString();
      return text.endsWith("\n") ? text : `${text}\n`;  // backend.ts entryToRaw adds the EOL
    },
  };
}

// Sveltia CMS (src/lib/services/contents/file/format.js, 0.196.0): the `yaml`
// 2.x package, YAML.stringify with these options, trimmed, one newline.
function sveltiaWriter(from) {
  const yaml = load("yaml", from);
  if (typeof yaml.visit !== "function") throw new Error("Sveltia CMS writes with the yaml 2.x package");
  return {
    immutable: load("immutable", from),
    read: (content) => yaml.parse(content),
    write: (data) => `${yaml.stringify(data, null, {
      indent: 2, indentSeq: true, lineWidth: 0, defaultKeyType: "PLAIN",
      defaultStringType: "PLAIN", singleQuote: true,
    }).trim()}\n`,
  };
}

// generator/assemble/form_editor.js, run as the browser runs it, with a stand-in
// for the CMS object that keeps the preSave handler it registers.
function preSaveHandler(path, fields) {
  let handler = null;
  const CMS = {
    getWidget: () => ({ control: null, preview: null }),
    registerWidget: () => {},
    getBackend: () => ({ init: () => ({}) }),
    registerBackend: () => {},
    getLocale: () => null,
    init: () => {},
    registerEventListener: (listener) => { if (listener.name === "preSave") handler = listener.handler; },
  };
  const sandbox = { CMS, createClass: (spec) => spec, h: () => null, window: { SK_FORM_FIELDS: fields } };
  vm.runInNewContext(fs.readFileSync(path, "utf8"), sandbox, { filename: path });
  return handler;
}

function fieldNames(fields, file) {
  const collection = fields.collections.find((c) => c.name === file.collection);
  const own = collection.fields || collection.files.find((f) => f.name === file.slug).fields;
  return own.map((field) => field.name);
}

function main() {
  const writer = (request.writer === "sveltia" ? sveltiaWriter : decapWriter)(request.resolve_from);
  const handler = preSaveHandler(request.form_editor_js, request.fields);
  const { Map, fromJS } = writer.immutable;
  const texts = {};
  for (const file of request.files) {
    try {
      const data = fromJS(writer.read(fs.readFileSync(file.path, "utf8")));
      const entry = Map({ collection: file.collection, slug: file.slug, data });
      texts[file.path] = writer.write(handler({ entry }).toJS(), fieldNames(request.fields, file));
    } catch (error) {
      return { error: String(error.message || error), path: file.path };
    }
  }
  return { texts };
}

let answer;
try {
  answer = main();
} catch (error) {
  answer = { error: String(error.message || error), code: error.code || "" };
}
process.stdout.write(JSON.stringify(answer));

// Writes ai2_arc-shaped rows (from ../hf/arc_easy.jsonl) with writers independent of the Java
// libraries: Apache Arrow JS (IPC stream, as the datasets cache holds) and parquet-wasm (the Rust
// arrow-rs Parquet writer, snappy). The outputs are committed; TaskFormatsTest reads them.
// Run: npm install apache-arrow@21.2.0 parquet-wasm@0.8.0 && node make-fixtures.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { tableFromArrays, tableToIPC, vectorFromArray, makeTable, Struct, List, Utf8, Field } from "apache-arrow";
import * as pq from "parquet-wasm/node";

const here = dirname(fileURLToPath(import.meta.url));
const rows = readFileSync(join(here, "../hf/arc_easy.jsonl"), "utf8").split("\n").filter(l => l.trim()).map(l => JSON.parse(l));
const strList = () => new List(new Field("item", new Utf8(), true));
const choicesType = new Struct([new Field("text", strList(), true), new Field("label", strList(), true)]);
const table = makeTable({
  id: vectorFromArray(rows.map(r => r.id), new Utf8()),
  question: vectorFromArray(rows.map(r => r.question), new Utf8()),
  choices: vectorFromArray(rows.map(r => r.choices), choicesType),
  answerKey: vectorFromArray(rows.map(r => r.answerKey), new Utf8()),
});
const stream = tableToIPC(table, "stream");
writeFileSync(join(here, "ai2_arc-test.arrow"), stream);
const props = new pq.WriterPropertiesBuilder().setCompression(pq.Compression.SNAPPY).build();
const parquet = pq.writeParquet(pq.Table.fromIPCStream(stream), props);
writeFileSync(join(here, "test-00000-of-00001.parquet"), parquet);
console.log("wrote", stream.length, "and", parquet.length, "bytes");

// Reads every row of one data source with the official Notion SDK's
// iterateAllDataSourceRows, the counterpart of bench/gorunner.
//
//   NOTION_TOKEN=... node read.mjs --base-url URL --data-source ID \
//     --version 2025-09-03 --ids FILE
//
// The SDK runs with its defaults (no client-side pacing; retries on 429
// after Retry-After). The row IDs go to --ids, one per line, so the caller
// can check that every row came exactly once; stdout gets one JSON line:
// {"rows", "first_page_ms", "wall_ms"}. The token comes from the
// environment, never from the command line.
import { readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { Client, iterateAllDataSourceRows } from "@notionhq/client";

const { values: args } = parseArgs({
  options: {
    "base-url": { type: "string" },
    "data-source": { type: "string" },
    version: { type: "string", default: "2025-09-03" },
    ids: { type: "string" },
  },
});

function fail(message) {
  process.stderr.write(`read.mjs: ${message}\n`);
  process.exit(2);
}

for (const name of ["base-url", "data-source", "ids"]) {
  if (!args[name]) fail(`--${name} is required`);
}
const token = process.env.NOTION_TOKEN;
if (!token) fail("NOTION_TOKEN is not set");

const notion = new Client({
  auth: token,
  baseUrl: args["base-url"],
  notionVersion: args.version,
});

const ids = [];
const start = performance.now();
let firstPage = -1;
for await (const row of iterateAllDataSourceRows(notion, {
  data_source_id: args["data-source"],
  page_size: 100,
})) {
  if (firstPage < 0) firstPage = performance.now() - start;
  ids.push(row.id);
}
const wall = performance.now() - start;

writeFileSync(args.ids, ids.length ? ids.join("\n") + "\n" : "");
process.stdout.write(
  JSON.stringify({ rows: ids.length, first_page_ms: firstPage, wall_ms: wall, peak_rss_kb: peakRSSKB() }) + "\n",
);

// The process's own peak resident set (VmHWM) from /proc, 0 elsewhere:
// the parent's figure from wait4 would include its own, inherited when
// it started this process.
function peakRSSKB() {
  try {
    const m = readFileSync("/proc/self/status", "utf8").match(/^VmHWM:\s*(\d+)\s*kB/m);
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

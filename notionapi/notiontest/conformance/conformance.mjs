// Runs the official Notion JavaScript SDK against a notiontest sandbox and
// prints one line per check; exits 1 if any check fails.
//
// Usage: node conformance.mjs [BASE_URL [RATE_LIMITED_BASE_URL]]
//
// Environment (argv takes precedence for the URLs):
//   NOTION_BASE_URL               sandbox to test (required)
//   NOTION_RATE_LIMITED_BASE_URL  a second sandbox with a low rate limit
//                                 (the rate limit check is skipped without it)
//   NOTION_TOKEN_FULL, NOTION_TOKEN_REVOKED, NOTION_TOKEN_NO_CONTENT
//                                 scenario tokens (default: the sandbox's)
//   NOTION_UNSHARED_DATABASE_ID   a database not shared with the integration
//   NOTION_EVENT_LOG_ROWS         rows expected in the "Event Log" data source

import {
  APIErrorCode,
  Client,
  collectPaginatedAPI,
  isFullPage,
  iterateAllDataSourceRows,
  iteratePaginatedAPI,
} from "@notionhq/client"

const env = process.env
const baseUrl = process.argv[2] ?? env.NOTION_BASE_URL
const limitedUrl = process.argv[3] ?? env.NOTION_RATE_LIMITED_BASE_URL
const tokens = {
  full: env.NOTION_TOKEN_FULL ?? "ntn_sandbox_full_access_demo_token",
  revoked: env.NOTION_TOKEN_REVOKED ?? "ntn_sandbox_revoked_token",
  noContent: env.NOTION_TOKEN_NO_CONTENT ?? "ntn_sandbox_no_read_content",
}
const unsharedDatabase = env.NOTION_UNSHARED_DATABASE_ID ?? "8a13bf4d-c189-4370-99b4-76ace6bbd98a"
const eventRows = Number(env.NOTION_EVENT_LOG_ROWS ?? "12000")

if (!baseUrl) {
  console.error("usage: node conformance.mjs BASE_URL [RATE_LIMITED_BASE_URL] (or set NOTION_BASE_URL)")
  process.exit(2)
}

const quiet = { logLevel: "error" }
const notion = new Client({ auth: tokens.full, baseUrl, ...quiet })
let failures = 0

function assert(cond, message) {
  if (!cond) throw new Error(message)
}

async function check(name, fn) {
  try {
    const detail = await fn()
    console.log(`ok   ${name}${detail ? ` (${detail})` : ""}`)
  } catch (err) {
    failures++
    console.log(`FAIL ${name}: ${err?.message ?? err}`)
  }
}

// expectError runs fn and checks it fails with an APIResponseError of code.
async function expectError(code, fn) {
  try {
    await fn()
  } catch (err) {
    assert(err?.code === code, `got ${err?.code ?? err}, want ${code}`)
    return `${err.status} ${err.code}`
  }
  throw new Error(`succeeded, want ${code}`)
}

// dataSourceId finds a data source by its database's title through search.
async function dataSourceId(title) {
  const res = await notion.search({ query: title, filter: { property: "object", value: "data_source" } })
  const ds = res.results.find(r => r.object === "data_source")
  assert(ds, `no data source titled ${title}`)
  return ds.id
}

await check("users.me answers the bot", async () => {
  const me = await notion.users.me({})
  assert(me.object === "user" && me.type === "bot", `got ${me.type}`)
  assert(me.bot.workspace_name, "no workspace_name")
  return me.name
})

await check("users.list paginates", async () => {
  const users = await collectPaginatedAPI(notion.users.list, { page_size: 3 })
  const ids = new Set(users.map(u => u.id))
  assert(users.length > 3 && ids.size === users.length, `${users.length} users, ${ids.size} distinct`)
  return `${users.length} users`
})

let tasks, events
await check("search finds pages and data sources", async () => {
  const pages = await notion.search({ query: "getting started", filter: { property: "object", value: "page" } })
  assert(pages.results.some(p => isFullPage(p)), "no page found")
  tasks = await dataSourceId("Tasks")
  events = await dataSourceId("Event Log")
  return `${pages.results.length} pages`
})

await check("dataSources.retrieve returns the schema", async () => {
  const ds = await notion.dataSources.retrieve({ data_source_id: tasks })
  assert(ds.object === "data_source", `object ${ds.object}`)
  for (const name of ["Task", "Status", "Due", "Project", "ID"]) {
    assert(ds.properties[name], `no property ${name}`)
  }
  return `${Object.keys(ds.properties).length} properties`
})

await check("dataSources.query filters and paginates past 100 rows", async () => {
  const filter = { property: "Level", select: { equals: "warn" } }
  let pages = 0
  let rows = 0
  for await (const row of iteratePaginatedAPI(notion.dataSources.query, { data_source_id: events, filter, page_size: 100 })) {
    assert(row.properties.Level.select.name === "warn", `row ${row.id} is ${row.properties.Level.select?.name}`)
    rows++
    if (rows % 100 === 1) pages++
  }
  assert(rows > 100 && pages > 1, `${rows} rows in ${pages} pages`)
  return `${rows} rows, ${pages} pages`
})

await check("pages.create then pages.retrieve", async () => {
  const created = await notion.pages.create({
    parent: { type: "data_source_id", data_source_id: tasks },
    properties: {
      Task: { title: [{ text: { content: "Created by the JavaScript SDK" } }] },
      Estimate: { number: 3 },
      Priority: { select: { name: "P2 Medium" } },
    },
    children: [{ paragraph: { rich_text: [{ text: { content: "Hello from conformance.mjs" } }] } }],
  })
  const back = await notion.pages.retrieve({ page_id: created.id })
  assert(isFullPage(back), "not a full page")
  assert(back.properties.Task.title[0].plain_text === "Created by the JavaScript SDK", "title differs")
  assert(back.properties.Estimate.number === 3, "estimate differs")
  const blocks = await notion.blocks.children.list({ block_id: created.id })
  assert(blocks.results.length === 1 && blocks.results[0].type === "paragraph", "children differ")
  return created.id
})

await check("revoked token raises Unauthorized", () =>
  expectError(APIErrorCode.Unauthorized, () =>
    new Client({ auth: tokens.revoked, baseUrl, ...quiet }).users.me({})))

await check("missing capability raises RestrictedResource", () =>
  expectError(APIErrorCode.RestrictedResource, () =>
    new Client({ auth: tokens.noContent, baseUrl, ...quiet }).search({ query: "tasks" })))

await check("unshared database raises ObjectNotFound", () =>
  expectError(APIErrorCode.ObjectNotFound, () => notion.databases.retrieve({ database_id: unsharedDatabase })))

await check("invalid filter raises ValidationError", () =>
  expectError(APIErrorCode.ValidationError, () =>
    notion.dataSources.query({ data_source_id: tasks, filter: { property: "Nope", title: { equals: "x" } } })))

if (limitedUrl) {
  await check("rate limit raises RateLimited", async () => {
    const limited = new Client({ auth: tokens.full, baseUrl: limitedUrl, retry: false, ...quiet })
    return expectError(APIErrorCode.RateLimited, async () => {
      for (let i = 0; i < 20; i++) await limited.users.me({})
    })
  })
  await check("SDK retries after Retry-After", async () => {
    const patient = new Client({ auth: tokens.full, baseUrl: limitedUrl, retry: { maxRetries: 3 }, ...quiet })
    const me = await patient.users.me({})
    return me.name
  })
} else {
  console.log("skip rate limit raises RateLimited (no NOTION_RATE_LIMITED_BASE_URL)")
}

await check("a capped query says incomplete", async () => {
  let cursor
  let rows = 0
  let status
  do {
    const res = await notion.dataSources.query({ data_source_id: events, start_cursor: cursor })
    rows += res.results.length
    status = res.request_status
    cursor = res.next_cursor ?? undefined
  } while (cursor)
  const want = Math.min(eventRows, 10000)
  assert(rows === want, `${rows} rows, want ${want}`)
  if (eventRows > 10000) {
    assert(status?.type === "incomplete" && status.incomplete_reason === "query_result_limit_reached", `status ${JSON.stringify(status)}`)
  }
  return `${rows} rows, ${status?.type}`
})

await check("iterateAllDataSourceRows returns every row once", async () => {
  const seen = new Set()
  let yielded = 0
  for await (const row of iterateAllDataSourceRows(notion, { data_source_id: events })) {
    yielded++
    seen.add(row.id)
  }
  assert(yielded === seen.size, `${yielded} rows yielded, ${seen.size} distinct`)
  // The Event Log may have grown by pages created above; never shrunk.
  assert(seen.size >= eventRows, `${seen.size} rows, want at least ${eventRows}`)
  return `${seen.size} rows`
})

await check("2026-03-11 drops archived", async () => {
  const newest = new Client({ auth: tokens.full, baseUrl, notionVersion: "2026-03-11", ...quiet })
  const page = await newest.pages.retrieve({ page_id: (await notion.search({ query: "getting started" })).results[0].id })
  assert(!("archived" in page) && page.in_trash === false, "archived present")
})

if (failures > 0) {
  console.log(`${failures} check(s) failed`)
  process.exit(1)
}
console.log("all checks passed")

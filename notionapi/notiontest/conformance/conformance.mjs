// Runs the official Notion JavaScript SDK against a notiontest sandbox and
// prints one line per check; exits 1 if any check fails.
//
// Usage: node conformance.mjs [BASE_URL [RATE_LIMITED_BASE_URL]]
//
// Environment (argv takes precedence for the URLs):
//   NOTION_BASE_URL               sandbox to test (required)
//   NOTION_RATE_LIMITED_BASE_URL  a second sandbox with a low rate limit
//                                 (the rate limit check is skipped without it)
//   NOTION_TOKEN_<SCENARIO>       scenario tokens (default: the sandbox's):
//                                 FULL, REVOKED, NO_CONTENT, NO_USER_INFO, READ_ONLY,
//                                 PERSONAL, INSERT_ONLY, UPDATE_ONLY,
//                                 NO_COMMENTS, BLOCK_LIMIT, SAVED_THEN_503,
//                                 WORKSPACE_LIMITED, RATE_WINDOW
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
  noUserInfo: env.NOTION_TOKEN_NO_USER_INFO ?? "ntn_sandbox_no_user_information",
  readOnly: env.NOTION_TOKEN_READ_ONLY ?? "ntn_sandbox_read_only_token",
  personal: env.NOTION_TOKEN_PERSONAL ?? "ntn_sandbox_personal_access_token",
  insertOnly: env.NOTION_TOKEN_INSERT_ONLY ?? "ntn_sandbox_insert_content_only",
  updateOnly: env.NOTION_TOKEN_UPDATE_ONLY ?? "ntn_sandbox_update_content_only",
  noComments: env.NOTION_TOKEN_NO_COMMENTS ?? "ntn_sandbox_no_comment_capabilities",
  blockLimit: env.NOTION_TOKEN_BLOCK_LIMIT ?? "ntn_sandbox_free_plan_block_limit",
  savedThen503: env.NOTION_TOKEN_SAVED_THEN_503 ?? "ntn_sandbox_write_saved_then_503",
  workspaceLimited: env.NOTION_TOKEN_WORKSPACE_LIMITED ?? "ntn_sandbox_workspace_rate_limited",
  rateWindow: env.NOTION_TOKEN_RATE_WINDOW ?? "ntn_sandbox_per_connection_rate_limit",
}
const unsharedDatabase = env.NOTION_UNSHARED_DATABASE_ID ?? "8a13bf4d-c189-4370-99b4-76ace6bbd98a"
// IDs of the seeded workspace (notiontest's constants).
const ids = {
  tasksDatabase: "8726b5e9-2501-4b8c-93e8-619e8d929943",
  teamDirectory: "0d4d87a2-e8c0-4716-bfa1-036cc1c4150e",
  engineering: "53b4df09-c1d7-4466-832c-4c0031b7c1d0",
  gettingStarted: "6cb78235-19e1-4d89-8ad8-1c5f02f9a9fd",
  projectsDataSource: "a8cd822c-3426-483f-b47c-e8970514f529",
  mayaChen: "7922e5cf-09fa-41c6-8096-33ec0ecfcd4c",
  wikiDataSource: "d23f0824-128b-4f33-8c5c-7fd0a6a3a450",
  runbooksDataSource: "36f675cc-81e7-4ef5-a8e2-5d940ed90475",
  unsharedDataSource: "0d7a014b-100a-472e-9d38-f70c3eaa1994",
  viewTasksOpen: "6b0d549b-6f03-475a-9600-a35a099950d8",
  viewTasksBoard: "8d116ece-1738-47d9-bd9c-172411e20b8f",
  viewEventLogAll: "a57d3e90-1c4b-4f2a-8e6d-3b9c0f1a2d45",
}
const versions = ["2021-05-11", "2021-05-13", "2021-08-16", "2022-02-22", "2022-06-28", "2025-09-03", "2026-03-11"]
const eventRows = Number(env.NOTION_EVENT_LOG_ROWS ?? "12000")

if (!baseUrl) {
  console.error("usage: node conformance.mjs BASE_URL [RATE_LIMITED_BASE_URL] (or set NOTION_BASE_URL)")
  process.exit(2)
}

const quiet = { logLevel: "error" }
const notion = new Client({ auth: tokens.full, baseUrl, ...quiet })
// as is a client with another token (and options), never retrying unless
// asked, so that refusals are seen as they are answered.
const as = (auth, opts = {}) => new Client({ auth, baseUrl, retry: false, ...quiet, ...opts })
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

// expectError runs fn and checks it fails with an APIResponseError of code
// (and message, when given); it returns the error.
async function catchError(code, fn, message) {
  try {
    await fn()
  } catch (err) {
    assert(err?.code === code, `got ${err?.code ?? err}: ${err?.message}, want ${code}`)
    if (message !== undefined) {
      assert(err.message === message, `message ${JSON.stringify(err.message)}, want ${JSON.stringify(message)}`)
    }
    return err
  }
  throw new Error(`succeeded, want ${code}`)
}

async function expectError(code, fn, message) {
  const err = await catchError(code, fn, message)
  return `${err.status} ${err.code}`
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
    as(tokens.noContent).search({ query: "tasks" }), "Insufficient permissions for this endpoint."))

await check("a malformed ID in a path is a validation error naming the parameter", async () => {
  const err = await catchError(APIErrorCode.ValidationError, () => notion.pages.retrieve({ page_id: "not-a-page-id" }))
  assert(err.message === 'path failed validation: path.page_id should be a valid uuid, instead was `"not-a-page-id"`.', err.message)
  return err.message
})

await check("a data source ID sent as a database is not found", async () => {
  const ds = await dataSourceId("Tasks")
  const err = await catchError(APIErrorCode.ObjectNotFound, () => notion.databases.retrieve({ database_id: ds }))
  assert(err.message.startsWith(`Could not find database with ID: ${ds}.`), err.message)
  await expectError(APIErrorCode.ObjectNotFound, () => notion.dataSources.retrieve({ data_source_id: ids.tasksDatabase }))
})

await check("all seven Notion-Version values are accepted", async () => {
  for (const notionVersion of versions) {
    const me = await as(tokens.full, { notionVersion }).users.me({})
    assert(me.object === "user", `${notionVersion}: ${me.object}`)
  }
  return versions.join(", ")
})

await check("2022-06-28 refuses a database of several data sources, naming them", async () => {
  const old = as(tokens.full, { notionVersion: "2022-06-28" })
  const err = await catchError(APIErrorCode.ValidationError, () => old.databases.retrieve({ database_id: ids.teamDirectory }))
  const extra = err.additional_data ?? {}
  assert(err.message === "Databases with multiple data sources are not supported in this API version.", err.message)
  assert(extra.error_type === "multiple_data_sources_for_database" && extra.database_id === ids.teamDirectory &&
    extra.child_data_source_ids?.[0] === ids.engineering && extra.minimum_api_version === "2025-09-03", JSON.stringify(extra))
})

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

await check("request_status: absent on ordinary pages, incomplete on every page of a capped query", async () => {
  const ordinary = await notion.dataSources.query({ data_source_id: tasks })
  assert(!("request_status" in ordinary), `ordinary page: ${JSON.stringify(ordinary.request_status)}`)
  let cursor
  let rows = 0
  let pages = 0
  let last
  do {
    last = await notion.dataSources.query({ data_source_id: events, start_cursor: cursor })
    rows += last.results.length
    pages++
    if (eventRows > 10000) {
      const st = last.request_status
      assert(st?.type === "incomplete" && st.incomplete_reason === "query_result_limit_reached", `page ${pages}: ${JSON.stringify(st)}`)
    }
    cursor = last.next_cursor ?? undefined
  } while (cursor)
  const want = Math.min(eventRows, 10000)
  assert(rows === want && last.has_more === false, `${rows} rows, want ${want}; has_more ${last.has_more}`)
  return `${rows} rows in ${pages} pages, ${last.request_status?.type ?? "complete"}`
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

await check("timestamps are whole minutes, and many rows share one", async () => {
  const res = await notion.dataSources.query({ data_source_id: events, sorts: [{ timestamp: "created_time", direction: "ascending" }] })
  const minutes = new Map()
  for (const row of res.results) {
    assert(/:00\.000Z$/.test(row.created_time) && /:00\.000Z$/.test(row.last_edited_time), `${row.created_time} / ${row.last_edited_time}`)
    minutes.set(row.created_time, (minutes.get(row.created_time) ?? 0) + 1)
  }
  const most = Math.max(...minutes.values())
  assert(most >= 20, `at most ${most} rows in one minute`)
  return `${most} rows in one minute`
})

await check("capabilities per endpoint: insert-only creates (partial answer), update-only updates", async () => {
  const insertOnly = as(tokens.insertOnly)
  const created = await insertOnly.pages.create({
    parent: { data_source_id: tasks },
    properties: { Task: { title: [{ text: { content: "Inserted blind" } }] } },
  })
  assert(!isFullPage(created) && created.object === "page" && !("url" in created), JSON.stringify(created))
  await expectError(APIErrorCode.RestrictedResource, () => insertOnly.pages.retrieve({ page_id: created.id }))
  await expectError(APIErrorCode.RestrictedResource, () => as(tokens.readOnly).pages.update({ page_id: created.id, in_trash: true }))
  const updateOnly = as(tokens.updateOnly)
  const updated = await updateOnly.pages.update({ page_id: created.id, properties: { Estimate: { number: 5 } } })
  assert(!isFullPage(updated), JSON.stringify(updated))
  await expectError(APIErrorCode.RestrictedResource, () =>
    updateOnly.pages.create({ parent: { data_source_id: tasks }, properties: { Task: { title: [{ text: { content: "x" } }] } } }))
  const back = await notion.pages.retrieve({ page_id: created.id })
  assert(back.properties.Estimate.number === 5, "update not saved")
})

await check("without user information, people are {object, id}", async () => {
  const page = (await as(tokens.noUserInfo).dataSources.query({ data_source_id: tasks, filter: { property: "Assignee", people: { is_not_empty: true } }, page_size: 1 })).results[0]
  const person = page.properties.Assignee.people[0]
  assert(Object.keys(person).sort().join() === "id,object", JSON.stringify(person))
  await expectError(APIErrorCode.RestrictedResource, () => as(tokens.noUserInfo).users.list({}))
})

await check("a personal access token acts as its person and sees every page", async () => {
  const pat = as(tokens.personal)
  const me = await pat.users.me({})
  assert(me.type === "person" && me.id === ids.mayaChen, JSON.stringify(me))
  await expectError(APIErrorCode.RestrictedResource, () => pat.users.list({}))
  const contracts = await pat.dataSources.query({ data_source_id: ids.unsharedDataSource })
  assert(contracts.results.length > 0, "Customer Contracts not visible")
  return `${contracts.results.length} contracts`
})

await check("no comment capabilities: comments are refused", () =>
  expectError(APIErrorCode.RestrictedResource, () => as(tokens.noComments).comments.list({ block_id: ids.gettingStarted })))

await check("Free plan block limit: 403 with additional_data.block_limit", async () => {
  const err = await catchError(APIErrorCode.RestrictedResource, () => as(tokens.blockLimit).pages.create({
    parent: { data_source_id: tasks },
    properties: { Task: { title: [{ text: { content: "Over the limit" } }] } },
  }))
  assert(err.additional_data?.block_limit === "block_creation", JSON.stringify(err.additional_data))
  return err.message
})

await check("a write saved, then answered 503 with committed_resource_id", async () => {
  const err = await catchError(APIErrorCode.ServiceUnavailable, () => as(tokens.savedThen503).pages.create({
    parent: { data_source_id: tasks },
    properties: { Task: { title: [{ text: { content: "Saved, then 503" } }] } },
  }))
  const extra = err.additional_data ?? {}
  assert(Array.isArray(extra.retry_guidance) && extra.committed_resource_id, JSON.stringify(extra))
  const back = await notion.pages.retrieve({ page_id: extra.committed_resource_id })
  assert(back.properties.Task.title[0].plain_text === "Saved, then 503", "the saved page differs")
  return extra.committed_resource_id
})

await check("the workspace limit answers a Retry-After over a minute", async () => {
  const err = await catchError(APIErrorCode.RateLimited, () => as(tokens.workspaceLimited).users.me({}))
  const retryAfter = Number(err.headers?.get?.("retry-after") ?? err.additional_data?.retry_after)
  assert(retryAfter > 60 && err.additional_data?.rate_limit_reason === "public_api_space_request_rate_limit", `${retryAfter} ${JSON.stringify(err.additional_data)}`)
  return `Retry-After ${retryAfter}`
})

await check("Notion's per-connection window: 180 requests, then 429 until it resets", async () => {
  const windowed = as(tokens.rateWindow)
  let served = 0
  const err = await catchError(APIErrorCode.RateLimited, async () => {
    for (; served <= 180; served++) await windowed.users.me({})
  })
  const retryAfter = Number(err.additional_data?.retry_after)
  assert(served === 180 && retryAfter >= 1 && retryAfter <= 60, `${served} served, Retry-After ${retryAfter}`)
  return `${served} served, Retry-After ${retryAfter}`
})

await check("a wiki's query answers data sources unless result_type is page", async () => {
  const mixed = await collectPaginatedAPI(notion.dataSources.query, { data_source_id: ids.wikiDataSource })
  const sources = mixed.filter(r => r.object === "data_source")
  assert(sources.length === 1 && sources[0].id === ids.runbooksDataSource, `data sources ${sources.map(s => s.id)}`)
  const pages = await collectPaginatedAPI(notion.dataSources.query, { data_source_id: ids.wikiDataSource, result_type: "page" })
  assert(pages.length === mixed.length - 1 && pages.every(r => r.object === "page"), `${pages.length} results`)
  return `${pages.length} pages and 1 data source`
})

await check("pages.update: properties, read-only refusal, trash and restore", async () => {
  const page = (await notion.dataSources.query({ data_source_id: tasks, page_size: 1 })).results[0]
  const updated = await notion.pages.update({ page_id: page.id, properties: { Priority: { select: { name: "P0 Critical" } }, Done: { checkbox: true } } })
  assert(updated.properties.Priority.select.name === "P0 Critical" && updated.properties.Done.checkbox === true, "not updated")
  const err = await catchError(APIErrorCode.ValidationError, () => notion.pages.update({ page_id: page.id, properties: { Overdue: { formula: { boolean: true } } } }))
  assert(err.message.startsWith("Overdue "), err.message)
  const trashed = await notion.pages.update({ page_id: page.id, in_trash: true })
  assert(trashed.in_trash === true, "not trashed")
  await expectError(APIErrorCode.ValidationError, () => notion.pages.update({ page_id: page.id, properties: { Done: { checkbox: false } } }))
  const restored = await notion.pages.update({ page_id: page.id, in_trash: false, properties: { Done: { checkbox: false } } })
  assert(restored.in_trash === false && restored.properties.Done.checkbox === false, "not restored")
})

await check("pages.update: the trash flag of each version (archived before 2026-03-11, in_trash from then on)", async () => {
  const page = (await notion.dataSources.query({ data_source_id: tasks, page_size: 1 })).results[0]
  const older = as(tokens.full, { notionVersion: "2025-09-03" })
  const archived = await older.pages.update({ page_id: page.id, archived: true })
  assert(archived.archived === true && archived.in_trash === true, JSON.stringify({ archived: archived.archived, in_trash: archived.in_trash }))
  const newest = as(tokens.full, { notionVersion: "2026-03-11" })
  await expectError(APIErrorCode.ValidationError, () => newest.pages.update({ page_id: page.id, archived: false }))
  const restored = await newest.pages.update({ page_id: page.id, in_trash: false })
  assert(restored.in_trash === false && !("archived" in restored), JSON.stringify(restored).slice(0, 200))
})

await check("views: list, retrieve, and a view query's pages", async () => {
  const list = await notion.views.list({ database_id: ids.tasksDatabase })
  assert(list.type === "view" && list.results.some(v => v.id === ids.viewTasksOpen), JSON.stringify(list))
  const open = await notion.views.retrieve({ view_id: ids.viewTasksOpen })
  assert(open.type === "table" && open.configuration?.type === "table" && open.configuration.frozen_column_index === 0 &&
    open.configuration.properties.some(p => p.visible === false) && open.filter && open.sorts?.length === 2, JSON.stringify(open))
  const board = await notion.views.retrieve({ view_id: ids.viewTasksBoard })
  assert(board.configuration?.group_by?.type === "status", JSON.stringify(board.configuration))
  const q = await notion.views.queries.create({ view_id: ids.viewTasksOpen, page_size: 5 })
  let rows = q.results.length
  let cursor = q.next_cursor
  while (cursor) {
    const more = await notion.views.queries.results({ view_id: ids.viewTasksOpen, query_id: q.id, start_cursor: cursor, page_size: 5 })
    rows += more.results.length
    cursor = more.next_cursor
  }
  assert(rows === q.total_count && q.expires_at, `${rows} rows, total_count ${q.total_count}`)
  const deleted = await notion.views.queries.delete({ view_id: ids.viewTasksOpen, query_id: q.id })
  assert(deleted.deleted === true, JSON.stringify(deleted))
  await expectError(APIErrorCode.ObjectNotFound, () => notion.views.queries.results({ view_id: ids.viewTasksOpen, query_id: q.id }))
  return `${rows} open tasks`
})

await check("a view query past 10,000 rows is capped, and says so", async () => {
  const q = await notion.views.queries.create({ view_id: ids.viewEventLogAll })
  if (eventRows > 10000) {
    assert(q.total_count === 10000 && q.request_status?.type === "incomplete", `total_count ${q.total_count}, ${JSON.stringify(q.request_status)}`)
  }
  await notion.views.queries.delete({ view_id: ids.viewEventLogAll, query_id: q.id })
  return `total_count ${q.total_count}`
})

await check("pages.retrieveMarkdown, following unknown_block_ids", async () => {
  const md = await notion.pages.retrieveMarkdown({ page_id: ids.gettingStarted })
  assert(md.object === "page_markdown" && md.markdown.includes("# Getting started with notion-tui") && md.truncated === false, md.markdown.slice(0, 200))
  const wiki = await collectPaginatedAPI(notion.dataSources.query, { data_source_id: ids.wikiDataSource, result_type: "page" })
  const handbook = wiki.find(p => p.properties.Page.title[0]?.plain_text === "On-call handbook")
  const long = await notion.pages.retrieveMarkdown({ page_id: handbook.id })
  assert(long.truncated === true && long.unknown_block_ids.length > 0, "the long page is not truncated")
  let text = long.markdown
  for (const id of long.unknown_block_ids) {
    // Each block left out keeps its place as an <unknown url alt/> tag.
    const tag = new RegExp(`<unknown url="[^"]*${id.replaceAll("-", "")}" alt="[a-z_0-9]+"/>`)
    assert(tag.test(long.markdown), `no <unknown/> tag for ${id}`)
    text += (await notion.pages.retrieveMarkdown({ page_id: id })).markdown
  }
  const steps = text.match(/Step \d+\.\d+/g)?.length
  assert(steps === 64, `${steps} steps`)
  return `${long.unknown_block_ids.length} subtrees followed`
})

await check("comments: list, create, reply, retrieve; markdown text", async () => {
  const before = await collectPaginatedAPI(notion.comments.list, { block_id: ids.gettingStarted })
  assert(before.length > 0 && before.every(c => c.object === "comment"), "no seeded comments")
  const created = await notion.comments.create({ parent: { page_id: ids.gettingStarted }, rich_text: [{ text: { content: "From the SDK" } }] })
  const reply = await notion.comments.create({ discussion_id: created.discussion_id, rich_text: [{ text: { content: "A reply" } }] })
  assert(reply.discussion_id === created.discussion_id, "reply in another discussion")
  const after = await collectPaginatedAPI(notion.comments.list, { block_id: ids.gettingStarted })
  assert(after.length === before.length + 2 && after.at(-1).id === reply.id, `${after.length} comments`)
  const got = await notion.comments.retrieve({ comment_id: reply.id })
  assert(got.object === "comment" && got.id === reply.id && got.rich_text[0]?.plain_text === "A reply" &&
    got.parent.type === "page_id" && got.display_name?.type === "integration" && typeof got.created_time === "string", JSON.stringify(got))
  const md = await notion.comments.create({ parent: { page_id: ids.gettingStarted }, markdown: "Written as Markdown" })
  assert(md.rich_text.map(t => t.plain_text).join("") === "Written as Markdown", JSON.stringify(md.rich_text))
})

await check("a relation to a database not shared with the connection is empty", async () => {
  const projects = await collectPaginatedAPI(notion.dataSources.query, { data_source_id: ids.projectsDataSource })
  const contract = projects[0].properties.Contract
  assert(contract?.type === "relation", `Contract is ${JSON.stringify(contract)}`)
  assert(projects.every(p => p.properties.Contract.relation.length === 0 && p.properties.Contract.has_more === false), "a Contract value shows")
  const schema = await notion.dataSources.retrieve({ data_source_id: ids.projectsDataSource })
  assert(schema.properties.Contract.relation.data_source_id === ids.unsharedDataSource, JSON.stringify(schema.properties.Contract))
  await expectError(APIErrorCode.ObjectNotFound, () => notion.dataSources.retrieve({ data_source_id: ids.unsharedDataSource }))
  const personal = await collectPaginatedAPI(as(tokens.personal).dataSources.query, { data_source_id: ids.projectsDataSource })
  const linked = personal.filter(p => p.properties.Contract.relation.length > 0).length
  assert(linked > 0, "a personal access token sees no Contract either")
  return `${linked} projects have a contract only a personal access token sees`
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

// 加载更多 for the workbench's long lists (an enterprise's needs, a supplier's invitations and matches): a connection
// read page by page through its pageInfo, "显示 20 / 共 63 个" from its totalCount, and a status filter with counts.
// A refresh (after a notification, or an action) reads the list again as long as it was: a long list the user
// scrolled through does not fold back to its first page.
import { esc } from "./html.js";

export const PAGE_SIZE = 20;
// The API's largest `first` (MAX_PAGE_SIZE): a longer list is read again in several pages.
const MAX_FIRST = 100;

/**
 * A list read through `read(first, after)`, a promise of a connection (totalCount, pageInfo, edges). `more()`
 * reads the page after the last row; `reload(wanted)` reads the list from its start, `wanted` rows (by default as
 * many as it holds, at least a page). Both resolve to the rows they add, or to null when a newer reload (a filter
 * chosen meanwhile) made their answer stale; a `more()` asked during a reload does nothing.
 */
export function pagedList(read) {
  const list = { rows: [], totalCount: 0, hasNextPage: false, endCursor: null, reload, more };
  let generation = 0;
  let reloading = 0;

  async function reload(wanted = Math.max(PAGE_SIZE, list.rows.length)) {
    const mine = ++generation;
    reloading++;
    try {
      const rows = [];
      let page;
      let after = null;
      do {
        page = await read(Math.min(MAX_FIRST, wanted - rows.length), after);
        if (mine !== generation) return null;
        rows.push(...page.edges.map((e) => e.node));
        after = page.pageInfo.endCursor;
      } while (page.pageInfo.hasNextPage && rows.length < wanted);
      Object.assign(list, { rows, totalCount: page.totalCount, hasNextPage: page.pageInfo.hasNextPage, endCursor: after });
      return rows;
    } finally {
      reloading--;
    }
  }

  async function more() {
    if (reloading || !list.hasNextPage) return null;
    const mine = generation;
    const page = await read(PAGE_SIZE, list.endCursor);
    if (mine !== generation) return null;
    // The cursor is a keyset (the last row's id): rows written since come before the first page, never again here.
    // A row seen twice (two clicks answered out of order) is still shown once.
    const shown = new Set(list.rows.map((r) => r.id));
    const added = page.edges.map((e) => e.node).filter((n) => !shown.has(n.id));
    list.rows.push(...added);
    Object.assign(list, { totalCount: page.totalCount, hasNextPage: page.pageInfo.hasNextPage, endCursor: page.pageInfo.endCursor ?? list.endCursor });
    return added;
  }

  return list;
}

/** Under a list: how many rows are shown of how many, and 加载更多 while the API has more. */
export function moreHtml(list) {
  if (!list.rows.length) return "";
  const more = list.hasNextPage ? ` <button type="button" class="hub-btn-plain" data-action="more">加载更多</button>` : "";
  return `<span class="wb-shown" data-shown="${list.rows.length}" data-total="${list.totalCount}">显示 ${list.rows.length} / 共 ${list.totalCount} 个</span>${more}`;
}

/**
 * Wires the 加载更多 of `box` (which moreHtml fills) to `list`: the next page goes to `append(rows)`, which adds it
 * below what is shown, so an open form or a half-written message in the list stays as it is.
 */
export function handleMore(box, list, append, onError) {
  box.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-action=more]");
    if (!button) return;
    button.disabled = true;
    try {
      const added = await list.more();
      if (added) append(added);
      box.innerHTML = moreHtml(list);
    } catch (err) {
      button.disabled = false;
      onError(err);
    }
  });
}

/**
 * A status filter: `options` are [value, label] pairs ("" for 全部); `counts` the API's totals by value ("all" for
 * 全部) when known. The chosen one is aria-pressed.
 */
export function filterHtml(options, chosen, counts) {
  return options
    .map(([value, label]) => {
      const count = counts && counts[value || "all"];
      return `<button type="button" class="wb-filter-option" data-filter="${esc(value)}" aria-pressed="${value === chosen}">${esc(label)}${
        count ? ` <span class="wb-filter-count">${count.totalCount}</span>` : ""
      }</button>`;
    })
    .join("");
}

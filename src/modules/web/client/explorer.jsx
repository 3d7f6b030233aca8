// GraphiQL served by the hub (bundled by scripts/build-web.js; nothing is fetched from a CDN). One GraphiQL for the
// page's life: the fetcher reads the token at each request, so signing in or out keeps the tabs as they are.
import React, { useCallback, useEffect, useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import { ToolbarButton, useEditorContext, useExecutionContext } from "@graphiql/react";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { createClient } from "graphql-ws";
import "graphiql/style.css";
import "./explorer.css";
import { authHeaders, downloadCsv, expireSession, gql, messageFor, mountSignIn, token, whenExpired, wsUrl } from "./auth.js";
import { EXAMPLES } from "./examples.js";
import { mountBell } from "./bell.js";
import { CORE_OPERATIONS } from "./core-operations.generated.js";
import WEB_OPERATIONS from "../../../../schema/operations/web.graphql";

const PRODUCT = "科创南阳·百会链千企";

// The cost of the last run (extensions.cost), shown under the toolbar; introspection is not a run.
const costListeners = new Set();
function reportCost(operationName, cost) {
  window.hubExplorer.lastCost = cost;
  for (const listener of costListeners) listener({ operationName, cost });
}

async function hubFetch(url, init) {
  const headers = { ...(init && init.headers), ...authHeaders() };
  const res = await fetch(url, { ...init, headers });
  let operationName = null;
  try {
    operationName = JSON.parse(init.body).operationName || null;
  } catch {
    // not JSON: nothing to name
  }
  if (operationName !== "IntrospectionQuery") {
    res
      .clone()
      .json()
      .then((body) => reportCost(operationName, (body && body.extensions && body.extensions.cost) || null))
      .catch(() => {});
  }
  return res;
}

const wsClient = createClient({
  url: wsUrl(),
  // Read at every connection: after a sign-in the socket is closed (below) and the next subscription reconnects.
  connectionParams: () => (token() ? { authorization: `Bearer ${token()}` } : {}),
  lazy: true,
  retryAttempts: 2,
});
const fetcher = createGraphiQLFetcher({ url: "/graphql", fetch: hubFetch, wsClient });

function ExamplesPanel() {
  const { queryEditor, variableEditor } = useEditorContext({ nonNull: true });
  const load = (ex) => {
    queryEditor && queryEditor.setValue(ex.query);
    variableEditor && variableEditor.setValue(ex.variables || "{}");
  };
  return (
    <div className="hub-examples">
      <div className="graphiql-doc-explorer-title">示例查询</div>
      <p className="hub-muted">点击载入当前标签页。统计只含计数；列表可用工具栏的 CSV 按钮导出（UTF-8 BOM，Excel 可直接打开）。</p>
      <ul>
        {EXAMPLES.map((ex) => (
          <li key={ex.title}>
            <button type="button" onClick={() => load(ex)} data-example={ex.title}>
              <strong>{ex.title}</strong>
              <span>{ex.description}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="graphiql-doc-explorer-title">核心操作</div>
      <ul>
        {CORE_OPERATIONS.map((op) => (
          <li key={op.title}>
            <button type="button" onClick={() => load(op)} data-example={op.title}>
              <strong>{op.title}</strong>
              <span>{op.description}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

const ExamplesIcon = () => (
  <svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
    <path d="M4 5h16M4 12h16M4 19h10" />
  </svg>
);

const examplesPlugin = { title: "示例查询", icon: ExamplesIcon, content: ExamplesPanel };

// 已保存查询: the caller's saved queries and the shared ones (savedQueries), run in the current tab, saved from it
// (saveQuery), shared read-only with every signed-in user or not.
const savedListeners = new Set();
// GraphiQL reads the operation's name from the editor after a debounce: a run right after loading would name the old one.
const RUN_AFTER_LOAD_MS = 600;

function SavedPanel() {
  const { queryEditor, variableEditor } = useEditorContext({ nonNull: true });
  const { run } = useExecutionContext({ nonNull: true });
  const [list, setList] = useState(null);
  const [message, setMessage] = useState("");
  const [name, setName] = useState("");
  const [shared, setShared] = useState(false);
  const refresh = useCallback(async () => {
    if (!token()) return setList(null);
    try {
      const data = await gql(WEB_OPERATIONS, {}, "ExplorerSavedQueries");
      setList(data.savedQueries.edges.map((e) => e.node));
    } catch (err) {
      setMessage(messageFor(err));
    }
  }, []);
  useEffect(() => {
    refresh();
    savedListeners.add(refresh);
    return () => savedListeners.delete(refresh);
  }, [refresh]);
  const save = async (input) => {
    setMessage("");
    try {
      await gql(WEB_OPERATIONS, { input }, "ExplorerSaveQuery");
      setMessage(`已保存：${input.name}${input.shared ? "（已共享）" : ""}`);
      await refresh();
    } catch (err) {
      setMessage(`保存失败：${messageFor(err)}`);
    }
  };
  const onSave = (event) => {
    event.preventDefault();
    if (!queryEditor || !name.trim()) return;
    save({ name: name.trim(), document: queryEditor.getValue(), operationName: queryEditor.operationName || undefined, shared });
  };
  const load = (q) => {
    queryEditor && queryEditor.setValue(q.document);
    variableEditor && variableEditor.setValue(defaultVariables(q));
  };
  if (!token()) return <div className="hub-saved"><div className="graphiql-doc-explorer-title">已保存查询</div><p className="hub-muted">登录后可保存、运行和共享查询。</p></div>;
  return (
    <div className="hub-saved">
      <div className="graphiql-doc-explorer-title">已保存查询</div>
      <form onSubmit={onSave} className="hub-saved-form">
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="名称" aria-label="查询名称" required />
        <label><input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} /> 共享给所有登录用户</label>
        <button type="submit" data-testid="save-query">保存当前查询</button>
      </form>
      <p className="hub-muted" role="status">{message}</p>
      <ul>
        {(list || []).map((q) => (
          <li key={q.id} data-saved={q.name}>
            <strong>{q.name}</strong>
            <span>{q.shared ? "已共享" : "仅自己"}{q.mine ? "" : " · 他人共享"}{q.description ? ` · ${q.description}` : ""}</span>
            <span className="hub-saved-actions">
              <button type="button" onClick={() => load(q)}>载入</button>
              <button type="button" data-action="run" onClick={() => (load(q), setTimeout(run, RUN_AFTER_LOAD_MS))}>运行</button>
              {q.mine && (
                <button type="button" data-action="share" onClick={() => save({ name: q.name, document: q.document, operationName: q.operationName || undefined, description: q.description, shared: !q.shared })}>
                  {q.shared ? "取消共享" : "共享"}
                </button>
              )}
            </span>
          </li>
        ))}
        {list && list.length === 0 && <li className="hub-muted">还没有保存的查询。</li>}
      </ul>
    </div>
  );
}

function defaultVariables(q) {
  return q.variables && q.variables.length ? JSON.stringify(Object.fromEntries(q.variables.filter((v) => v.type.endsWith("!") && !v.defaultValue).map((v) => [v.name, null])), null, 2) : "{}";
}

const SavedIcon = () => (
  <svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
    <path d="M6 3h12v18l-6-4-6 4z" />
  </svg>
);

const savedPlugin = { title: "已保存查询", icon: SavedIcon, content: SavedPanel };

function CsvButton() {
  const { queryEditor, variableEditor } = useEditorContext({ nonNull: true });
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    if (!queryEditor) return;
    let variables = {};
    try {
      variables = JSON.parse((variableEditor && variableEditor.getValue()) || "{}") || {};
    } catch {
      alert("变量不是合法的 JSON");
      return;
    }
    const operationName = queryEditor.operationName || undefined;
    setBusy(true);
    try {
      const { rows, name } = await downloadCsv({ query: queryEditor.getValue(), variables, operationName });
      window.hubExplorer.lastExport = { rows, name };
    } catch (err) {
      alert(`导出失败：${messageFor(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <ToolbarButton onClick={onClick} label={busy ? "正在导出…" : "导出 CSV（当前查询结果中的第一个列表）"} data-testid="export-csv">
      <span className="hub-csv-icon" aria-hidden="true">CSV</span>
    </ToolbarButton>
  );
}

function CostLine() {
  const [last, setLast] = useState(null);
  useEffect(() => {
    costListeners.add(setLast);
    return () => costListeners.delete(setLast);
  }, []);
  if (!last) return null;
  const c = last.cost;
  return (
    <div className="hub-cost" data-testid="run-cost">
      {c && typeof c.requested === "number" ? `本次查询成本 ${c.requested}（单次上限 ${c.limit}）` : "本次查询未报告成本"}
    </div>
  );
}

function Explorer() {
  // GraphiQL 4 lays its panels out before a `visiblePlugin` prop takes effect (the panel stays hidden until a
  // remount): on a desktop the 示例查询 panel is opened as a click on its button opens it.
  useEffect(() => {
    if (window.innerWidth <= 700) return;
    const timer = setTimeout(() => {
      const button = document.querySelector('.graphiql-sidebar button[aria-label="Show 示例查询"]');
      if (button) button.click();
    }, 0);
    return () => clearTimeout(timer);
  }, []);
  const defaultTabs = useMemo(() => EXAMPLES.map((ex) => ({ query: ex.query, variables: ex.variables })), []);
  return (
    <GraphiQL
      fetcher={fetcher}
      defaultTabs={defaultTabs}
      plugins={[examplesPlugin, savedPlugin]}
      defaultEditorToolsVisibility="variables"
      shouldPersistHeaders={false}
    >
      <GraphiQL.Logo>{PRODUCT}</GraphiQL.Logo>
      <GraphiQL.Toolbar>
        {({ prettify, merge, copy }) => (
          <>
            {prettify}
            {merge}
            {copy}
            <CsvButton />
          </>
        )}
      </GraphiQL.Toolbar>
      <GraphiQL.Footer>
        <CostLine />
      </GraphiQL.Footer>
    </GraphiQL>
  );
}

window.hubExplorer = { authHeaders };
const rootEl = document.getElementById("root");
rootEl.innerHTML = "";
const bar = document.createElement("header");
bar.className = "hub-bar";
bar.innerHTML = `<a class="hub-brand" href="/explorer">${PRODUCT} · 查询浏览器</a><nav><a href="/dashboard">数据看板</a></nav><div class="hub-bell"></div><div class="hub-bar-signin"></div>`;
const app = document.createElement("div");
app.className = "hub-app";
rootEl.append(bar, app);
const bell = mountBell(bar.querySelector(".hub-bell"));
// A new identity: the open socket (if any) carries the old one, so it is closed; the tabs stay.
const changed = () => {
  wsClient.terminate();
  bell.refresh();
  for (const listener of savedListeners) listener();
};
const signin = mountSignIn(bar.querySelector(".hub-bar-signin"), changed);
whenExpired(() => {
  expireSession(signin);
  changed();
});
bell.refresh();
createRoot(app).render(<Explorer />);

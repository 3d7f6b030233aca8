// GraphiQL served by the hub (bundled by scripts/build-web.js; nothing is fetched from a CDN).
import React, { useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import { ToolbarButton, useEditorContext } from "@graphiql/react";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { createClient } from "graphql-ws";
import "graphiql/style.css";
import "./explorer.css";
import { authHeaders, downloadCsv, mountSignIn, token, wsUrl } from "./auth.js";
import { EXAMPLES } from "./examples.js";
import { CORE_OPERATIONS } from "./core-operations.generated.js";

function makeFetcher(tok) {
  const headers = tok ? { Authorization: `Bearer ${tok}` } : {};
  const wsClient = createClient({ url: wsUrl(), connectionParams: tok ? { authorization: `Bearer ${tok}` } : {}, lazy: true, retryAttempts: 2 });
  return createGraphiQLFetcher({ url: "/graphql", headers, wsClient });
}

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
      alert(`导出失败：${err.message}`);
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

function Explorer() {
  const [tok, setTok] = useState(token());
  window.hubExplorer.setToken = setTok;
  const fetcher = useMemo(() => makeFetcher(tok), [tok]);
  const defaultTabs = useMemo(() => EXAMPLES.map((ex) => ({ query: ex.query, variables: ex.variables })), []);
  return (
    <GraphiQL
      key={tok || "anonymous"}
      fetcher={fetcher}
      defaultTabs={defaultTabs}
      plugins={[examplesPlugin]}
      visiblePlugin={examplesPlugin}
      defaultEditorToolsVisibility="variables"
      shouldPersistHeaders={false}
    >
      <GraphiQL.Logo>科创汇</GraphiQL.Logo>
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
    </GraphiQL>
  );
}

window.hubExplorer = { authHeaders };
const rootEl = document.getElementById("root");
rootEl.innerHTML = "";
const bar = document.createElement("header");
bar.className = "hub-bar";
bar.innerHTML = `<a class="hub-brand" href="/explorer">科创汇 · 查询浏览器</a><nav><a href="/dashboard">数据看板</a></nav><div class="hub-bar-signin"></div>`;
const app = document.createElement("div");
app.className = "hub-app";
rootEl.append(bar, app);
mountSignIn(bar.querySelector(".hub-bar-signin"), () => window.hubExplorer.setToken && window.hubExplorer.setToken(token()));
createRoot(app).render(<Explorer />);

// The programme at a glance: KPIs against the plan's targets, needs by chain and region, the funnel, and matches
// arriving live over graphql-ws. ECharts is bundled (tree-shaken) by scripts/build-web.js.
import * as echarts from "echarts/core";
import { BarChart, FunnelChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import { createClient } from "graphql-ws";
import "./dashboard.css";
import { currentUser, downloadCsv, gql, mountSignIn, roleName, token, wsUrl } from "./auth.js";
import WEB_OPERATIONS from "../../../../schema/operations/web.graphql";

echarts.use([BarChart, FunnelChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);




const SUPPLIER_KIND = { EXPERT: "专家", PLATFORM: "平台", SOCIETY: "学会" };
const WINDOWS = [
  { key: "12m", label: "近12个月", from: () => new Date(Date.now() - 365 * 86400e3) },
  { key: "2025", label: "2025年以来", from: () => new Date("2025-01-01T00:00:00+08:00") },
  { key: "all", label: "全部", from: () => null },
];

const state = { charts: {}, window: "all", ws: null, unsubscribe: null, live: [], ready: false };
window.hubDashboard = state;

const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const pct = (x) => (x === null || x === undefined ? "—" : `${(x * 100).toFixed(1)}%`);
const hours = (h) => (h === null || h === undefined ? "—" : h < 48 ? `${h.toFixed(1)} 小时` : `${(h / 24).toFixed(1)} 天`);

function layout() {
  const root = document.getElementById("root");
  root.innerHTML = `
    <header class="hub-bar">
      <span class="hub-brand">科创南阳 · 百会链千企 数据看板</span>
      <nav>
        <label>时间范围 <select id="window">${WINDOWS.map((w) => `<option value="${w.key}">${w.label}</option>`).join("")}</select></label>
        <button type="button" id="export-needs" class="hub-btn">导出需求 CSV</button>
        <a href="/explorer">查询浏览器</a>
      </nav>
      <div class="hub-bar-signin"></div>
    </header>
    <main id="main">
      <section id="signed-out" class="hub-notice" hidden>请以分析员或管理员身份登录后查看看板。</section>
      <section id="content" hidden>
        <div id="kpis" class="kpis"></div>
        <div class="grid">
          <div class="card"><h2>各产业链需求、响应与成交</h2><div id="chart-chain" class="chart"></div></div>
          <div class="card"><h2>各县区需求、响应与成交</h2><div id="chart-region" class="chart"></div></div>
          <div class="card"><h2>转化漏斗：需求 → 匹配 → 响应 → 对接 → 成交</h2><div id="chart-funnel" class="chart"></div></div>
          <div class="card"><h2>计划指标走势（按月累计）</h2><div id="chart-trend" class="chart"></div></div>
          <div class="card"><h2>学会排行</h2><table id="societies" class="table"></table></div>
          <div class="card"><h2>实时匹配 <span id="live-state" class="hub-muted">连接中…</span></h2><ol id="live" class="live"></ol></div>
        </div>
      </section>
      <p id="error" class="hub-error" role="alert"></p>
    </main>`;
  document.getElementById("window").value = state.window;
  document.getElementById("window").onchange = (e) => ((state.window = e.target.value), load());
  document.getElementById("export-needs").onclick = async () => {
    try {
      state.lastExport = await downloadCsv({ query: WEB_OPERATIONS, operationName: "NeedsExport", variables: {}, path: "needs", filename: "需求列表" });
    } catch (err) {
      showError(`导出失败：${err.message}`);
    }
  };
  mountSignIn(document.querySelector(".hub-bar-signin"), () => start());
}

function showError(message) {
  document.getElementById("error").textContent = message;
}

function kpis(stats, ps) {
  const cards = ps.indicators.map(
    (i) => `<div class="kpi${i.overdue ? " kpi-overdue" : ""}" data-indicator="${esc(i.key)}">
      <div class="kpi-name">${esc(i.name)}</div>
      <div class="kpi-value">${i.current}<small> / ${i.target} ${esc(i.unit)}</small></div>
      <div class="kpi-bar"><span style="width:${Math.min(100, i.progress * 100).toFixed(1)}%"></span></div>
      <div class="kpi-note">完成 ${pct(i.progress)} · 目标期限 ${esc(i.targetDate.slice(0, 10))}${i.overdue ? ' · <strong class="overdue">已逾期</strong>' : ""}</div>
    </div>`,
  );
  const stage = (s) => ps.funnel.find((f) => f.stage === s);
  cards.push(
    `<div class="kpi"><div class="kpi-name">需求总数 / 在办</div><div class="kpi-value">${stats.needs}<small> / ${stats.openNeeds} 在办</small></div><div class="kpi-note">匹配 ${stats.matches} · 采纳 ${stats.acceptedMatches}</div></div>`,
    `<div class="kpi"><div class="kpi-name">首次响应时长</div><div class="kpi-value">${hours(ps.responseTime.medianHours)}</div><div class="kpi-note">中位数 · P90 ${hours(ps.responseTime.p90Hours)} · ${ps.responseTime.count} 项</div></div>`,
    `<div class="kpi"><div class="kpi-name">对接时长</div><div class="kpi-value">${hours(ps.dockingTime.medianHours)}</div><div class="kpi-note">中位数 · P90 ${hours(ps.dockingTime.p90Hours)} · ${ps.dockingTime.count} 项</div></div>`,
    `<div class="kpi"><div class="kpi-name">成交转化率</div><div class="kpi-value">${pct(stage("DEAL").conversionFromStart)}</div><div class="kpi-note">${stage("DEAL").needs} 项需求达成合作</div></div>`,
  );
  document.getElementById("kpis").innerHTML = cards.join("");
}

function chart(id) {
  const el = document.getElementById(id);
  return (state.charts[id] ??= echarts.init(el, null, { renderer: "canvas" }));
}

function barOption(rows, horizontal) {
  const names = rows.map((r) => r.name);
  const series = [
    { name: "需求", type: "bar", data: rows.map((r) => r.needs), itemStyle: { color: "#0f3d6e" } },
    { name: "学会响应", type: "bar", data: rows.map((r) => r.responses), itemStyle: { color: "#3d8fd1" } },
    { name: "成交", type: "bar", data: rows.map((r) => r.deals), itemStyle: { color: "#e8a33d" } },
  ];
  const cat = { type: "category", data: names, axisLabel: { interval: 0, rotate: horizontal ? 0 : 30, fontSize: 11 } };
  const val = { type: "value" };
  return {
    animation: false,
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { left: horizontal ? 110 : 40, right: 16, top: 30, bottom: horizontal ? 24 : 70 },
    xAxis: horizontal ? val : cat,
    yAxis: horizontal ? { ...cat, inverse: true } : val,
    series,
  };
}

function charts(ps) {
  chart("chart-chain").setOption(barOption(ps.byIndustryChain.filter((r) => r.needs > 0 || r.matches > 0).slice(0, 21), false), true);
  chart("chart-region").setOption(barOption(ps.byRegion.filter((r) => r.needs > 0), true), true);
  chart("chart-funnel").setOption(
    {
      animation: false,
      tooltip: { formatter: (p) => `${p.name}：${p.value} 项（占发布 ${pct(p.data.rate)}）` },
      series: [
        {
          type: "funnel",
          sort: "none",
          left: "10%",
          width: "80%",
          label: { formatter: (p) => `${p.name} ${p.value}（${pct(p.data.rate)}）` },
          data: ps.funnel.map((f) => ({ name: f.label, value: f.needs, rate: f.conversionFromStart })),
        },
      ],
    },
    true,
  );
  const months = ps.indicators[0] ? ps.indicators[0].trend.map((t) => t.month) : [];
  chart("chart-trend").setOption(
    {
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 30, bottom: 30 },
      xAxis: { type: "category", data: months },
      yAxis: { type: "value" },
      series: ps.indicators.map((i) => ({
        name: i.name,
        type: "line",
        data: i.trend.map((t) => t.value),
        markLine: { silent: true, symbol: "none", data: [{ yAxis: i.target, name: "目标" }], lineStyle: { type: "dashed" } },
      })),
    },
    true,
  );
}

function societies(rows) {
  document.getElementById("societies").innerHTML =
    `<thead><tr><th>名次</th><th>学会</th><th>响应</th><th>采纳</th><th>服务记录</th></tr></thead><tbody>` +
    rows.map((s) => `<tr><td>${s.rank}</td><td>${esc(s.name)}</td><td>${s.responses}</td><td>${s.acceptedResponses}</td><td>${s.serviceRecords}</td></tr>`).join("") +
    `</tbody>`;
}

function addLive(m) {
  state.live.unshift(m);
  state.live.length = Math.min(state.live.length, 20);
  const li = document.createElement("li");
  li.className = "live-item";
  li.dataset.matchId = m.id;
  const time = new Date(m.createdAt).toLocaleTimeString("zh-CN", { hour12: false });
  // A CONFIDENTIAL need still closed to the viewer arrives without the need, with its teaser only.
  const title = m.need ? m.need.title : `保密需求：${m.teaser ? m.teaser.summary : ""}`;
  const chainName = (m.need || m.teaser || { industryChain: { name: "" } }).industryChain.name;
  li.innerHTML = `<span class="live-time">${esc(time)}</span>
    <span class="live-need">${esc(title)}</span>
    <span class="live-arrow">←</span>
    <span class="live-supplier">${esc(SUPPLIER_KIND[m.supplierKind] || m.supplierKind)} · ${esc(m.supplier.name || "")}</span>
    <span class="live-score">匹配度 ${m.score.toFixed(3)} · 第 ${m.rank} 名 · ${esc(chainName)}</span>`;
  const list = document.getElementById("live");
  list.prepend(li);
  while (list.children.length > 20) list.lastElementChild.remove();
}

function subscribe() {
  if (state.unsubscribe) state.unsubscribe();
  if (state.ws) state.ws.dispose();
  const tok = token();
  const liveState = document.getElementById("live-state");
  state.ws = createClient({
    url: wsUrl(),
    connectionParams: { authorization: `Bearer ${tok}` },
    retryAttempts: 5,
    on: {
      connected: () => ((liveState.textContent = "已连接，等待新匹配"), (state.liveConnected = true)),
      closed: () => ((liveState.textContent = "连接已断开"), (state.liveConnected = false)),
    },
  });
  state.unsubscribe = state.ws.subscribe(
    { query: WEB_OPERATIONS, operationName: "DashboardMatches" },
    {
      next: (msg) => (msg.data ? addLive(msg.data.matchFound) : msg.errors && showError(msg.errors.map((e) => e.message).join("; "))),
      error: (err) => (liveState.textContent = `订阅出错：${err && err.message ? err.message : "连接失败"}`),
      complete: () => {},
    },
  );
}

async function load() {
  showError("");
  document.body.dataset.state = "loading";
  const w = WINDOWS.find((x) => x.key === state.window) || WINDOWS[2];
  const from = w.from();
  try {
    const data = await gql(WEB_OPERATIONS, { from: from ? from.toISOString() : null }, "DashboardOverview");
    kpis(data.stats, data.programmeStats);
    charts(data.programmeStats);
    societies(data.programmeStats.societies);
    state.data = data;
    state.ready = true;
    document.body.dataset.state = "ready";
  } catch (err) {
    document.body.dataset.state = "error";
    showError(`加载失败：${err.message}`);
  }
}

function start() {
  const user = token() ? currentUser() : null;
  const allowed = user && (user.role === "ANALYST" || user.role === "ADMIN");
  document.getElementById("signed-out").hidden = !!allowed;
  document.getElementById("content").hidden = !allowed;
  if (user && !allowed) document.getElementById("signed-out").textContent = `看板面向分析员和管理员；当前身份为${roleName(user.role)}。`;
  if (!allowed) {
    if (state.ws) state.ws.dispose();
    document.body.dataset.state = "signed-out";
    return;
  }
  load();
  subscribe();
}

window.addEventListener("resize", () => Object.values(state.charts).forEach((c) => c.resize()));
layout();
start();

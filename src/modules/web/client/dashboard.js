// The programme at a glance: KPIs against the plan's targets, needs by chain and county (bars and a tile map of
// Nanyang), the funnel, and matches arriving live over graphql-ws, grouped by need. ECharts is bundled
// (tree-shaken) by scripts/build-web.js. `?kiosk=1#display=<token>` is the 大屏 mode: full screen at 1920×1080 on
// a read-only display token an ADMIN issues (issueDisplayToken), refreshing by itself.
import * as echarts from "echarts/core";
import { BarChart, FunnelChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import { createClient } from "graphql-ws";
import "./dashboard.css";
import { currentUser, downloadCsv, gql, messageFor, roleName, setDisplayToken, token, wsUrl } from "./auth.js";
import { COUNTY_TILES } from "./counties.js";
import { frameHtml, mountSession } from "./session.js";
import WEB_OPERATIONS from "../../../../schema/operations/web.graphql";
import { esc } from "./html.js";

echarts.use([BarChart, FunnelChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

const SUPPLIER_KIND = { EXPERT: "专家", PLATFORM: "平台", SOCIETY: "学会" };
const WINDOWS = [
  { key: "12m", label: "近12个月", from: () => new Date(Date.now() - 365 * 86400e3) },
  { key: "2025", label: "2025年以来", from: () => new Date("2025-01-01T00:00:00+08:00") },
  { key: "all", label: "全部", from: () => null },
];
// Chart marks at ≥ 3:1 against the white cards, text at ≥ 4.5:1 (WCAG 2.1, 1.4.3 and 1.4.11).
const COLORS = { needs: "#0f3d6e", responses: "#2a6fb0", deals: "#a85a00" };
const PALETTE = ["#0f3d6e", "#a85a00", "#2e7d32", "#6a1b9a", "#00695c", "#ad1457", "#455a64", "#1565c0"];
const TEXT = "#1d2733";
// Matches shown per need in the live list, and needs kept.
const BEST_PER_NEED = 3;
const LIVE_NEEDS = 10;
// Figures refresh this long after the last live event (a burst of matches is one refresh), and at least this often.
const EVENT_DEBOUNCE_MS = 2_000;
const REFRESH_MS = 60_000;
const KIOSK_REFRESH_MS = 30_000;
// Reconnection back-off: 1 s doubling to at most 30 s, for ever.
const RETRY_MAX_MS = 30_000;

const params = new URLSearchParams(location.search);
const kiosk = params.get("kiosk") === "1";
const state = {
  charts: {},
  window: WINDOWS.some((w) => w.key === params.get("window")) ? params.get("window") : "all",
  ws: null,
  unsubscribe: null,
  groups: new Map(),
  ready: false,
  kiosk,
  refreshes: 0,
  retries: 0,
};
window.hubDashboard = state;

const pct = (x) => (x === null || x === undefined ? "—" : `${(x * 100).toFixed(1)}%`);
const hours = (h) => (h === null || h === undefined ? "—" : h < 48 ? `${h.toFixed(1)} 小时` : `${(h / 24).toFixed(1)} 天`);
const $ = (id) => document.getElementById(id);

function layout() {
  $("root").innerHTML = frameHtml({
    title: "数据看板",
    nav: `
        <span id="controls" class="hub-controls" hidden>
          <label>时间范围 <select id="window">${WINDOWS.map((w) => `<option value="${w.key}">${w.label}</option>`).join("")}</select></label>
          <button type="button" id="export-needs" class="hub-btn">导出需求 CSV</button>
        </span>
        <a href="/explorer">查询浏览器</a>`,
    main: `
      <section id="signed-out" class="hub-notice" hidden>请以分析员或管理员身份登录后查看看板。</section>
      <section id="content" hidden>
        <div id="kpis" class="kpis"></div>
        <div class="grid">
          <div class="card"><h2>各产业链需求、响应与成交 <span class="hub-muted">点击查看需求</span></h2><div id="chart-chain" class="chart"></div></div>
          <div class="card"><h2>各县区需求、响应与成交 <span class="hub-muted">点击查看需求</span></h2><div id="chart-region" class="chart"></div></div>
          <div class="card"><h2>南阳各县区需求与成交</h2><div id="county-map" class="county-map"></div></div>
          <div class="card"><h2>转化漏斗：需求 → 匹配 → 响应 → 对接 → 成交</h2><div id="chart-funnel" class="chart"></div></div>
          <div class="card"><h2>计划指标走势（按月累计，占目标 %）</h2><div id="chart-trend" class="chart"></div></div>
          <div class="card"><h2>学会排行</h2><table id="societies" class="table"></table></div>
          <div class="card live-card"><h2>实时匹配 <span id="live-state" class="hub-muted">连接中…</span></h2><ol id="live" class="live"></ol></div>
        </div>
        <section id="drill" class="card drill" hidden>
          <h2><span id="drill-title"></span> <button type="button" id="drill-export" class="hub-btn">导出 CSV</button> <button type="button" id="drill-close" class="hub-btn-plain">关闭</button></h2>
          <table id="drill-table" class="table"></table>
        </section>
      </section>`,
  });
  $("window").value = state.window;
  $("window").onchange = (e) => {
    state.window = e.target.value;
    const url = new URL(location.href);
    url.searchParams.set("window", state.window);
    history.replaceState(null, "", url);
    load();
  };
  $("export-needs").onclick = () => exportNeeds({}, "需求列表");
  $("drill-close").onclick = () => ($("drill").hidden = true);
  $("drill-export").onclick = () => state.drill && exportNeeds(state.drill.filter, state.drill.title);
  if (!kiosk) mountSession(document.querySelector(".hub-bar"), start);
}

async function exportNeeds(filter, filename) {
  try {
    state.lastExport = await downloadCsv({ query: WEB_OPERATIONS, operationName: "NeedsExport", variables: { filter }, path: "needs", filename });
  } catch (err) {
    showError(`导出失败：${messageFor(err)}`);
  }
}

function showError(message) {
  $("error").textContent = message;
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
  const stage = (s) => ps.funnel.find((f) => f.stage === s) || { needs: 0, conversionFromStart: null };
  // The window's needs are the funnel's first stage: the card follows the time range as the charts do.
  cards.push(
    `<div class="kpi" data-kpi="needs"><div class="kpi-name">需求总数（所选时间范围）</div><div class="kpi-value">${stage("POSTED").needs}<small> 项</small></div><div class="kpi-note">获匹配 ${stage("MATCHED").needs} · 成交 ${stage("DEAL").needs} · 当前在办 ${stats.openNeeds}</div></div>`,
    `<div class="kpi"><div class="kpi-name">首次响应时长</div><div class="kpi-value">${hours(ps.responseTime.medianHours)}</div><div class="kpi-note">中位数 · P90 ${hours(ps.responseTime.p90Hours)} · ${ps.responseTime.count} 项</div></div>`,
    `<div class="kpi"><div class="kpi-name">对接时长</div><div class="kpi-value">${hours(ps.dockingTime.medianHours)}</div><div class="kpi-note">中位数 · P90 ${hours(ps.dockingTime.p90Hours)} · ${ps.dockingTime.count} 项</div></div>`,
    `<div class="kpi" data-kpi="deals"><div class="kpi-name">成交转化率</div><div class="kpi-value">${pct(stage("DEAL").conversionFromStart)}</div><div class="kpi-note">${stage("DEAL").needs} 项需求达成合作</div></div>`,
  );
  $("kpis").innerHTML = cards.join("");
}

function chart(id) {
  return (state.charts[id] ??= echarts.init($(id), null, { renderer: "canvas" }));
}

const textStyle = { color: TEXT, fontSize: 12 };

function barOption(rows) {
  return {
    animation: false,
    textStyle,
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { top: 0, textStyle },
    // containLabel: the names on the axis are measured and never cut, whatever the width.
    grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
    xAxis: { type: "value", axisLabel: { color: TEXT } },
    yAxis: { type: "category", inverse: true, data: rows.map((r) => r.name), axisLabel: { interval: 0, color: TEXT, fontSize: 12 } },
    series: [
      { name: "需求", type: "bar", data: rows.map((r) => r.needs), itemStyle: { color: COLORS.needs } },
      { name: "学会响应", type: "bar", data: rows.map((r) => r.responses), itemStyle: { color: COLORS.responses } },
      { name: "成交", type: "bar", data: rows.map((r) => r.deals), itemStyle: { color: COLORS.deals } },
    ],
  };
}

// A horizontal bar chart grows with its rows, so that every name has room.
function sized(id, rows) {
  const el = $(id);
  const height = Math.max(220, 40 + rows * 26);
  if (el.style.height !== `${height}px`) {
    el.style.height = `${height}px`;
    if (state.charts[id]) state.charts[id].resize();
  }
}

// A funnel stage opens the needs that reached it, as near as the needs' status tells.
const STAGE_STATUS = {
  POSTED: null,
  MATCHED: ["OPEN", "IN_DOCKING", "RESOLVED", "CLOSED", "EXPIRED"],
  RESPONDED: ["OPEN", "IN_DOCKING", "RESOLVED", "CLOSED", "EXPIRED"],
  DOCKING: ["IN_DOCKING", "RESOLVED"],
  DEAL: ["RESOLVED"],
};

function charts(ps) {
  // The 大屏 shows the ten busiest chains: a screen seen from afar needs larger rows.
  const chains = ps.byIndustryChain.filter((r) => r.needs > 0 || r.matches > 0).slice(0, kiosk ? 10 : 21);
  const regions = ps.byRegion.filter((r) => r.needs > 0);
  sized("chart-chain", chains.length);
  sized("chart-region", regions.length);
  state.rows = { chains, regions, funnel: ps.funnel };
  chart("chart-chain").setOption(barOption(chains), true);
  chart("chart-region").setOption(barOption(regions), true);
  chart("chart-funnel").setOption(
    {
      animation: false,
      textStyle,
      tooltip: { formatter: (p) => `${p.name}：${p.value} 项（占发布 ${pct(p.data.rate)}）` },
      series: [
        {
          type: "funnel",
          sort: "none",
          left: 8,
          width: "52%",
          top: 10,
          bottom: 10,
          minSize: "18%",
          itemStyle: { borderColor: "#fff", borderWidth: 1 },
          // Labels beside the funnel, on the card's white, in two short lines: never cut by the funnel's edge.
          label: { position: "right", color: TEXT, fontSize: 12, formatter: (p) => `${p.name} ${p.value}\n占发布 ${pct(p.data.rate)}` },
          labelLine: { show: true, length: 10 },
          data: ps.funnel.map((f, i) => ({ name: f.label, value: f.needs, rate: f.conversionFromStart, stage: f.stage, itemStyle: { color: PALETTE[i % PALETTE.length] } })),
        },
      ],
    },
    true,
  );
  // The indicators have different targets (100 entities, 1000 enterprises…): drawn as a share of each target on
  // one axis, so that the target line (100 %) always lies on it.
  const months = ps.indicators[0] ? ps.indicators[0].trend.map((t) => t.month) : [];
  chart("chart-trend").setOption(
    {
      animation: false,
      textStyle,
      color: PALETTE,
      tooltip: {
        trigger: "axis",
        valueFormatter: (v) => `${v}%`,
      },
      legend: { type: "scroll", top: 0, left: 8, right: 8, textStyle },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: months, axisLabel: { color: TEXT } },
      yAxis: { type: "value", min: 0, max: (v) => Math.max(110, Math.ceil((v.max * 1.1) / 10) * 10), axisLabel: { color: TEXT, formatter: "{value}%" } },
      series: ps.indicators.map((i, n) => ({
        name: i.name,
        type: "line",
        data: i.trend.map((t) => (i.target ? Math.round((t.value / i.target) * 1000) / 10 : 0)),
        ...(n === 0
          ? { markLine: { silent: true, symbol: "none", data: [{ yAxis: 100, name: "目标" }], label: { formatter: "目标 100%", color: TEXT, position: "insideEndTop" }, lineStyle: { type: "dashed", color: "#b3261e" } } }
          : {}),
      })),
    },
    true,
  );
}

function bindDrill() {
  chart("chart-chain").off("click");
  chart("chart-chain").on("click", (p) => {
    const row = state.rows.chains[p.dataIndex];
    if (row) drill(`产业链：${row.name}`, { industryChainCode: row.key });
  });
  chart("chart-region").off("click");
  chart("chart-region").on("click", (p) => {
    const row = state.rows.regions[p.dataIndex];
    if (row) drill(`县区：${row.name}`, { regionCode: row.key });
  });
  chart("chart-funnel").off("click");
  chart("chart-funnel").on("click", (p) => {
    const status = STAGE_STATUS[p.data.stage];
    drill(`漏斗：${p.name}`, status ? { status } : {});
  });
}

/** The needs behind a chart's bar, a county or a funnel stage, listed under the charts and exportable as CSV. */
async function drill(title, filter) {
  state.drill = { title, filter };
  $("drill").hidden = false;
  $("drill-title").textContent = `${title}（加载中…）`;
  try {
    const data = await gql(WEB_OPERATIONS, { filter, first: 50 }, "NeedsExport");
    const rows = data.needs.edges.map((e) => e.node);
    $("drill-title").textContent = `${title}：${data.needs.totalCount} 项需求${data.needs.totalCount > rows.length ? `（显示前 ${rows.length} 项，导出含全部）` : ""}`;
    $("drill-table").innerHTML =
      `<thead><tr><th>需求</th><th>产业链</th><th>县区</th><th>状态</th></tr></thead><tbody>` +
      rows.map((n) => `<tr data-need-id="${esc(n.id)}"><td>${esc(n.title)}</td><td>${esc(n.industryChain && n.industryChain.name)}</td><td>${esc(n.enterprise && n.enterprise.region && n.enterprise.region.name)}</td><td>${esc(n.status)}</td></tr>`).join("") +
      `</tbody>`;
    $("drill").scrollIntoView({ block: "nearest" });
  } catch (err) {
    $("drill-title").textContent = `${title}：${messageFor(err)}`;
  }
}

function countyMap(ps) {
  const byName = new Map(ps.byRegion.map((r) => [r.name, r]));
  const max = Math.max(1, ...ps.byRegion.map((r) => r.needs));
  $("county-map").innerHTML = COUNTY_TILES.map((t) => {
    const r = byName.get(t.name) || { needs: 0, deals: 0 };
    // Light to dark blue by needs; the text switches to white where the tile is dark (both ≥ 4.5:1).
    const level = Math.min(4, Math.floor((r.needs / max) * 5));
    return `<button type="button" class="county county-l${level}" style="grid-row:${t.row};grid-column:${t.col}" data-region="${esc(t.code)}" data-needs="${r.needs}" data-deals="${r.deals}" title="${esc(t.name)}：需求 ${r.needs}，成交 ${r.deals}">
      <span class="county-name">${esc(t.short)}</span><span class="county-figures">${r.needs} / ${r.deals}</span></button>`;
  }).join("") + `<p class="county-legend hub-muted">格内：需求 / 成交（所选时间范围）；颜色越深需求越多；点击查看需求</p>`;
  for (const el of $("county-map").querySelectorAll(".county")) {
    el.onclick = () => drill(`县区：${el.title.split("：")[0]}`, { regionCode: el.dataset.region });
  }
}

function societies(rows) {
  $("societies").innerHTML =
    `<thead><tr><th>名次</th><th>学会</th><th>响应</th><th>被采纳</th><th>服务记录</th></tr></thead><tbody>` +
    rows.map((s) => `<tr><td>${s.rank}</td><td>${esc(s.name)}</td><td>${s.responses}</td><td>${s.acceptedResponses}</td><td>${s.serviceRecords}</td></tr>`).join("") +
    `</tbody>`;
}

/** A match arrives: kept under its need, and the list shows each need's best three (lowest rank) so far. */
function addLive(m) {
  // A CONFIDENTIAL need still closed to the viewer arrives without the need, with its teaser only.
  const need = m.need || teaserNeed(m);
  let group = state.groups.get(need.id);
  if (!group) state.groups.set(need.id, (group = { need, matches: new Map() }));
  group.matches.set(m.id, m);
  group.last = Date.now();
  const kept = [...state.groups.values()].sort((a, b) => b.last - a.last);
  for (const old of kept.slice(LIVE_NEEDS)) state.groups.delete(old.need.id);
  renderLive();
  scheduleRefresh();
}

function renderLive() {
  const groups = [...state.groups.values()].sort((a, b) => b.last - a.last);
  $("live").innerHTML = groups
    .map((g) => {
      const best = [...g.matches.values()].sort((a, b) => a.rank - b.rank).slice(0, BEST_PER_NEED);
      return `<li class="live-item" data-need-id="${esc(g.need.id)}">
        <div class="live-need">${esc(g.need.title)} <span class="hub-muted">${esc(g.need.industryChain.name)} · 共 ${g.matches.size} 个匹配</span></div>
        <ol class="live-best">${best
          .map(
            (m) => `<li class="live-match" data-rank="${m.rank}" data-match-id="${esc(m.id)}">第 ${m.rank} 名 · ${esc(SUPPLIER_KIND[m.supplierKind] || m.supplierKind)} · ${esc(m.supplier.name || "")} <span class="hub-muted">匹配度 ${m.score.toFixed(3)} · ${esc(new Date(m.createdAt).toLocaleTimeString("zh-CN", { hour12: false }))}</span></li>`,
          )
          .join("")}</ol></li>`;
    })
    .join("");
}

function banner(text) {
  $("banner").hidden = !text;
  $("banner").textContent = text || "";
}

function teaserNeed(m) {
  const teaser = m.teaser || { summary: "", industryChain: { name: "" } };
  return { id: `teaser:${teaser.summary}`, title: `保密需求：${teaser.summary}`, industryChain: teaser.industryChain };
}

function subscribe() {
  if (state.unsubscribe) state.unsubscribe();
  if (state.ws) state.ws.dispose();
  const liveState = $("live-state");
  let dropped = false;
  state.ws = createClient({
    url: wsUrl(),
    // Read at every (re)connection: a new sign-in is used without a new client.
    connectionParams: () => ({ authorization: `Bearer ${token()}` }),
    // Never give up: a hub restarted after an hour is picked up again.
    retryAttempts: Infinity,
    // 4403: the token was refused (expired, revoked); load() then finds it out and shows the sign-in form.
    shouldRetry: (event) => !(event && event.code === 4403),
    retryWait: async (retries) => {
      state.retries = retries + 1;
      const wait = Math.min(RETRY_MAX_MS, 1000 * 2 ** retries) * (0.75 + Math.random() * 0.5);
      banner(`实时连接已断开，${Math.round(wait / 1000)} 秒后第 ${retries + 1} 次重连…`);
      await new Promise((r) => setTimeout(r, wait));
    },
    on: {
      connected: () => {
        liveState.textContent = "已连接，等待新匹配";
        state.liveConnected = true;
        state.retries = 0;
        banner("");
        // Whatever happened while the feed was down is in the figures after a reload.
        if (dropped) load();
        dropped = false;
      },
      closed: (event) => {
        if (event && event.code === 4403) return void load();
        if (state.liveConnected) dropped = true;
        liveState.textContent = "连接已断开，正在重连";
        state.liveConnected = false;
        if (!$("banner").textContent) banner("实时连接已断开，正在重连…");
      },
    },
  });
  state.unsubscribe = state.ws.subscribe(
    { query: WEB_OPERATIONS, operationName: "DashboardMatches" },
    {
      next: (msg) => (msg.data ? addLive(msg.data.matchFound) : msg.errors && showError(messageFor(msg.errors[0]))),
      error: (err) => (liveState.textContent = `订阅出错：${messageFor(Array.isArray(err) ? err[0] : err)}`),
      complete: () => {},
    },
  );
}

function scheduleRefresh() {
  clearTimeout(state.debounce);
  state.debounce = setTimeout(load, EVENT_DEBOUNCE_MS);
}

async function load() {
  showError("");
  if (!state.ready) document.body.dataset.state = "loading";
  const w = WINDOWS.find((x) => x.key === state.window) || WINDOWS[2];
  const from = w.from();
  try {
    const data = await gql(WEB_OPERATIONS, { from: from ? from.toISOString() : null }, "DashboardOverview");
    kpis(data.stats, data.programmeStats);
    charts(data.programmeStats);
    countyMap(data.programmeStats);
    bindDrill();
    societies(data.programmeStats.societies);
    state.data = data;
    state.ready = true;
    state.refreshes++;
    state.refreshedAt = Date.now();
    document.body.dataset.state = "ready";
    return true;
  } catch (err) {
    if (err.code === "UNAUTHENTICATED" && !kiosk) return false; // the sign-in form is shown again (whenExpired)
    document.body.dataset.state = "error";
    showError(kiosk && err.code === "UNAUTHENTICATED" ? "展示令牌无效或已过期，请管理员重新签发" : `加载失败：${messageFor(err)}`);
    return false;
  }
}

function stop() {
  if (state.unsubscribe) state.unsubscribe();
  if (state.ws) state.ws.dispose();
  state.ws = state.unsubscribe = null;
  clearInterval(state.timer);
  clearTimeout(state.debounce);
  banner("");
}

function start() {
  stop();
  const user = token() ? currentUser() : null;
  const allowed = !!user && (user.role === "ANALYST" || user.role === "ADMIN");
  $("signed-out").hidden = allowed;
  $("content").hidden = !allowed;
  // Signed out, the time range and the export would only fail: they appear with the figures.
  $("controls").hidden = !allowed;
  if (user && !allowed && params.has("notification")) {
    // A mail's link (notify.ts notificationLink) for an enterprise's or a supplier's user: their page is the workbench.
    location.replace(`/workbench${location.search}`);
    return;
  }
  $("signed-out").innerHTML =
    user && !allowed ? `看板面向分析员和管理员；当前身份为${esc(roleName(user.role))}，请使用 <a href="/workbench">工作台</a>。` : "请以分析员或管理员身份登录后查看看板。";
  if (!allowed) {
    state.ready = false;
    document.body.dataset.state = "signed-out";
    return;
  }
  // The live feed opens once the figures came: a refused token is found by the first query, not by a socket.
  load().then(() => document.body.dataset.state !== "signed-out" && !state.ws && subscribe());
  state.timer = setInterval(load, REFRESH_MS);
}

function startKiosk() {
  document.body.classList.add("kiosk");
  const display = new URLSearchParams(location.hash.slice(1)).get("display");
  if (!display) {
    showError("大屏模式需要管理员签发的展示令牌（地址末尾 #display=…）");
    document.body.dataset.state = "error";
    return;
  }
  setDisplayToken(display);
  $("content").hidden = false;
  document.querySelector(".live-card").hidden = true; // the live list names needs: not for a public screen
  load();
  state.timer = setInterval(load, KIOSK_REFRESH_MS);
  // Full screen needs a gesture: the first click or key on the screen asks for it.
  const full = () => document.documentElement.requestFullscreen && document.documentElement.requestFullscreen().catch(() => {});
  document.addEventListener("click", full, { once: true });
  document.addEventListener("keydown", full, { once: true });
}

// graphql-ws rejects a pending connection with the socket's CloseEvent when it is disposed (sign-out) or refused:
// the banner and the sign-in form already say so.
window.addEventListener("unhandledrejection", (event) => {
  if (typeof CloseEvent !== "undefined" && event.reason instanceof CloseEvent) event.preventDefault();
});
window.addEventListener("resize", () => Object.values(state.charts).forEach((c) => c.resize()));
layout();
if (kiosk) startKiosk();
else start();

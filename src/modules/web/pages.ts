/** The HTML shells of the pages (explorer, dashboard, workbench, join, review); the bundles come from /web/ (built by scripts/build-web.js). */
export type Page = "explorer" | "dashboard" | "workbench" | "join" | "review";

/** One product name everywhere (README, every page): the programme's, 科创南阳·百会链千企. */
export const PRODUCT = "科创南阳·百会链千企";

const TITLES: Record<Page, string> = {
  explorer: "科创南阳·百会链千企 · 查询浏览器",
  dashboard: "科创南阳·百会链千企 · 数据看板",
  workbench: "科创南阳·百会链千企 · 工作台",
  join: "科创南阳·百会链千企 · 申请加入",
  review: "科创南阳·百会链千企 · 注册审核",
};

export function pageHtml(page: Page, built: boolean): string {
  const body = built
    ? `<div id="root"><p class="boot">正在加载…</p></div>\n<script src="/web/${page}.js"></script>`
    : `<p style="font:16px sans-serif;padding:2em">前端资源尚未构建：请运行 <code>npm run build</code> 后重启服务。</p>`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${TITLES[page]}</title>
<link rel="icon" href="data:,">
${built ? `<link rel="stylesheet" href="/web/${page}.css">` : ""}
</head>
<body class="page-${page}">
${body}
</body>
</html>
`;
}

/** Everything from this origin only: the pages must work on a closed network and load nothing from elsewhere. */
export function contentSecurityPolicy(host: string | undefined): string {
  const safeHost = host && /^[A-Za-z0-9.\-:[\]]+$/.test(host) ? host : null;
  const ws = safeHost ? ` ws://${safeHost} wss://${safeHost}` : "";
  return [
    "default-src 'self'",
    "script-src 'self'",
    // GraphiQL (CodeMirror) and ECharts set inline styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${ws}`,
    "worker-src 'self' blob:",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join("; ");
}

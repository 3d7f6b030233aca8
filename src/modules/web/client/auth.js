import WEB_OPERATIONS from "../../../../schema/operations/web.graphql";

// Sign-in shared by the explorer and the dashboard: the `login` mutation, the token kept in localStorage,
// sent as `Authorization: Bearer` over HTTP and as connectionParams.authorization over graphql-ws.
const KEY = "kechuang-hub.token";
const USER_KEY = "kechuang-hub.user";

// The dashboard's kiosk mode runs on a display token from its URL, never stored: it replaces the signed-in one.
let override = null;
export function setDisplayToken(t) {
  override = t;
}

export function token() {
  return override || localStorage.getItem(KEY);
}

// Every error the pages show, in Chinese, chosen by `extensions.code` (the server's English message is for logs).
const MESSAGES = {
  UNAUTHENTICATED: "登录已失效或尚未登录，请重新登录",
  FORBIDDEN: "当前身份无权进行此操作",
  BAD_USER_INPUT: "输入有误",
  GRAPHQL_VALIDATION_FAILED: "查询语句不合法",
  GRAPHQL_PARSE_FAILED: "查询语句有语法错误",
  NOT_FOUND: "未找到相应记录",
  CONFLICT: "与已有记录冲突",
  RATE_LIMITED: "尝试次数过多，请稍后再试",
  QUERY_TOO_COMPLEX: "查询过于复杂，超出成本上限",
  QUERY_BUDGET_EXCEEDED: "查询额度已用完，请稍后再试",
  PERSISTED_QUERY_NOT_FOUND: "未找到该可信查询",
  SERVICE_UNAVAILABLE: "服务暂不可用，请稍后再试",
  TIMEOUT: "查询超时",
  INTERNAL_SERVER_ERROR: "服务器内部错误",
  NETWORK_ERROR: "无法连接到服务器，请检查网络",
  ACCOUNT_PENDING: "账号正在审核中，审核通过后即可登录",
  ACCOUNT_REJECTED: "注册申请未通过审核",
  ACCOUNT_DISABLED: "账号已停用，请联系管理员",
};

/** The Chinese message for an error (a thrown one with `code`, or a GraphQL error with `extensions.code`). */
export function messageFor(err) {
  const code = (err && (err.code || (err.extensions && err.extensions.code))) || "INTERNAL_SERVER_ERROR";
  let text = MESSAGES[code] || `请求失败（${code}）`;
  const field = err && (err.field || (err.extensions && err.extensions.field));
  if (code === "BAD_USER_INPUT" && field) text += `：${field}`;
  const retry = err && err.extensions && err.extensions.retryAfter;
  if (code === "RATE_LIMITED" && retry) text = `尝试次数过多，请 ${retry} 秒后再试`;
  return text;
}

function hubError(errors, status) {
  const first = errors[0] || {};
  const err = new Error(messageFor(first));
  err.code = (first.extensions && first.extensions.code) || (status === 401 ? "UNAUTHENTICATED" : "INTERNAL_SERVER_ERROR");
  err.field = first.extensions && first.extensions.field;
  err.extensions = first.extensions;
  err.message = messageFor(err);
  err.detail = errors.map((e) => e.message).join("; ");
  return err;
}

/** Called when a request finds the token expired or revoked (the pages then show the sign-in form). */
let onExpired = () => {};
export function whenExpired(handler) {
  onExpired = handler;
}

export function currentUser() {
  try {
    return JSON.parse(localStorage.getItem(USER_KEY) || "null");
  } catch {
    return null;
  }
}

export function authHeaders() {
  const t = token();
  return t ? { Authorization: `Bearer ${t}` } : {};
}

export function wsUrl() {
  return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/graphql`;
}

export async function gql(query, variables = {}, operationName = undefined) {
  let res;
  try {
    res = await fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json", ...authHeaders() },
      body: JSON.stringify({ query, variables, operationName }),
    });
  } catch {
    throw hubError([{ extensions: { code: "NETWORK_ERROR" } }]);
  }
  const body = await res.json().catch(() => ({ errors: [{ message: `HTTP ${res.status}`, extensions: { code: res.status === 503 ? "SERVICE_UNAVAILABLE" : "INTERNAL_SERVER_ERROR" } }] }));
  if (body.errors && body.errors.length) {
    const err = hubError(body.errors, res.status);
    err.data = body.data;
    if (err.code === "UNAUTHENTICATED" && token() && operationName !== "WebLogin") onExpired(err);
    throw err;
  }
  return body.data;
}

export async function signIn(email, password) {
  // The user's email is private to them: the (still anonymous) login request asks for id and role only.
  const data = await gql(WEB_OPERATIONS, { email, password }, "WebLogin");
  const user = { ...data.login.user, email };
  localStorage.setItem(KEY, data.login.token);
  localStorage.setItem(USER_KEY, JSON.stringify(user));
  return user;
}

export function signOut() {
  localStorage.removeItem(KEY);
  localStorage.removeItem(USER_KEY);
}

const ROLE_NAMES = { ADMIN: "管理员", ANALYST: "分析员", ENTERPRISE: "企业", SOCIETY: "学会", EXPERT: "专家" };
export const roleName = (role) => ROLE_NAMES[role] || role;

/**
 * A small sign-in bar rendered into `el`: email + password form when signed out, the user and 退出 when signed in.
 * `onChange(user|null)` runs after every sign-in and sign-out.
 */
export function mountSignIn(el, onChange) {
  function render(notice = "") {
    const user = token() ? currentUser() : null;
    el.innerHTML = "";
    el.className = "hub-signin";
    if (user) {
      const who = document.createElement("span");
      who.className = "hub-signin-user";
      who.textContent = `${user.email}（${roleName(user.role)}）`;
      const out = document.createElement("button");
      out.type = "button";
      out.textContent = "退出";
      out.dataset.testid = "sign-out";
      out.onclick = () => {
        signOut();
        render();
        onChange(null);
      };
      el.append(who, out);
      return;
    }
    const form = document.createElement("form");
    form.innerHTML = `
      <input name="email" type="email" placeholder="邮箱" autocomplete="username" required aria-label="邮箱">
      <input name="password" type="password" placeholder="密码" autocomplete="current-password" required aria-label="密码">
      <button type="submit">登录</button>
      <a class="hub-signin-join" href="/join">申请加入</a>
      <span class="hub-signin-error" role="alert"></span>`;
    form.querySelector(".hub-signin-error").textContent = notice;
    form.onsubmit = async (event) => {
      event.preventDefault();
      const error = form.querySelector(".hub-signin-error");
      error.textContent = "";
      try {
        const u = await signIn(form.email.value.trim(), form.password.value);
        render();
        onChange(u);
      } catch (err) {
        error.textContent = err.code === "UNAUTHENTICATED" ? "登录失败：邮箱或密码错误" : `登录失败：${err.message}`;
      }
    };
    el.append(form);
  }
  render();
  return { refresh: render };
}

/** Signs out after an expired or revoked token and shows the sign-in form with why. */
export function expireSession(signin) {
  signOut();
  signin.refresh("登录已过期，请重新登录");
}

/** POST /export.csv with the caller's token and save the CSV it answers. */
export async function downloadCsv({ query, variables, operationName, path, filename }) {
  const res = await fetch("/export.csv", {
    method: "POST",
    headers: { "content-type": "application/json", ...authHeaders() },
    body: JSON.stringify({ query, variables, operationName, path, filename }),
  });
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    const err = hubError(body.errors && body.errors.length ? body.errors : [{ extensions: { code: res.status === 401 ? "UNAUTHENTICATED" : "INTERNAL_SERVER_ERROR" } }], res.status);
    if (err.code === "UNAUTHENTICATED" && token()) onExpired(err);
    throw err;
  }
  const blob = await res.blob();
  const disposition = res.headers.get("content-disposition") || "";
  const match = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  const name = match ? decodeURIComponent(match[1]) : "export.csv";
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  setTimeout(() => (URL.revokeObjectURL(a.href), a.remove()), 1000);
  return { rows: Number(res.headers.get("x-export-rows") || 0), name };
}

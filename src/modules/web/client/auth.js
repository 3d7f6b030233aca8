import WEB_OPERATIONS from "../../../../schema/operations/web.graphql";

// Sign-in shared by the explorer and the dashboard: the `login` mutation, the token kept in localStorage,
// sent as `Authorization: Bearer` over HTTP and as connectionParams.authorization over graphql-ws.
const KEY = "kechuang-hub.token";
const USER_KEY = "kechuang-hub.user";

export function token() {
  return localStorage.getItem(KEY);
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
  const res = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json", ...authHeaders() },
    body: JSON.stringify({ query, variables, operationName }),
  });
  const body = await res.json().catch(() => ({ errors: [{ message: `HTTP ${res.status}` }] }));
  if (body.errors && body.errors.length) {
    const err = new Error(body.errors.map((e) => e.message).join("; "));
    err.code = body.errors[0].extensions && body.errors[0].extensions.code;
    err.data = body.data;
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
  function render() {
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
      <span class="hub-signin-error" role="alert"></span>`;
    form.onsubmit = async (event) => {
      event.preventDefault();
      const error = form.querySelector(".hub-signin-error");
      error.textContent = "";
      try {
        const u = await signIn(form.email.value.trim(), form.password.value);
        render();
        onChange(u);
      } catch (err) {
        error.textContent = `登录失败：${err.message}`;
      }
    };
    el.append(form);
  }
  render();
  return { refresh: render };
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
    throw new Error((body.errors && body.errors.map((e) => e.message).join("; ")) || `HTTP ${res.status}`);
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

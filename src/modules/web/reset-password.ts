// GET /reset-password?token=…: the page behind a reset link. It asks for the new password twice and calls
// resetPassword over /graphql; its script is a file of its own (/reset-password.js) because the pages' CSP
// allows no inline script.

export const RESET_PASSWORD_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>重设密码 · 科创汇</title>
<link rel="icon" href="data:,">
<style>
body { font: 16px/1.6 system-ui, sans-serif; max-width: 26em; margin: 3em auto; padding: 0 1em; color: #222; }
label { display: block; margin-top: 1em; }
input { width: 100%; box-sizing: border-box; padding: .5em; font-size: 1em; }
button { margin-top: 1.5em; padding: .6em 1.4em; font-size: 1em; }
#message { margin-top: 1em; }
.error { color: #b00020; } .ok { color: #0a7b32; }
</style>
</head>
<body>
<h1>重设密码</h1>
<form id="reset">
<label>新密码<input type="password" name="password" autocomplete="new-password" required minlength="10" maxlength="200"></label>
<label>再次输入新密码<input type="password" name="again" autocomplete="new-password" required minlength="10" maxlength="200"></label>
<p><small>至少 10 个字符，并包含小写字母、大写字母、数字、其他字符中的三类。</small></p>
<button type="submit">设置新密码</button>
</form>
<p id="message" role="status"></p>
<script src="/reset-password.js"></script>
</body>
</html>
`;

export const RESET_PASSWORD_JS = `(function () {
  var form = document.getElementById("reset");
  var message = document.getElementById("message");
  var token = new URLSearchParams(location.search).get("token") || "";
  function say(text, ok) { message.textContent = text; message.className = ok ? "ok" : "error"; }
  if (!token) { say("链接不完整：请从邮件中的链接打开本页。"); form.hidden = true; return; }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var password = form.elements.password.value;
    if (password !== form.elements.again.value) return say("两次输入的密码不一致。");
    fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: "mutation ResetPassword($token: String!, $newPassword: String!) { resetPassword(token: $token, newPassword: $newPassword) }",
        variables: { token: token, newPassword: password }
      })
    }).then(function (res) { return res.json(); }).then(function (body) {
      if (body.data && body.data.resetPassword) { form.hidden = true; say("密码已重设，请用新密码登录。", true); }
      else say((body.errors && body.errors[0] && body.errors[0].message) || "重设失败，请重试。");
    }, function () { say("网络错误，请稍后重试。"); });
  });
})();
`;

// 安排对接: once an invitation is ACCEPTED either side arranges a docking (scheduleDocking), and both see it listed
// under the invitation. Shared by the enterprise's and the supplier's side of the workbench.
import { gql, messageFor } from "./auth.js";
import { esc, when } from "./workbench-words.js";
import OPS from "../../../../schema/operations/workbench.graphql";

const STATUS = { SCHEDULED: "已安排", HELD: "已举行", CANCELLED: "已取消" };
// In Chinese for the fields scheduleDocking names (extensions.field, "input.<name>").
const FIELD_PROBLEMS = { startsAt: "对接时间须晚于现在", place: "请填写地点或线上会议链接", onlineUrl: "线上会议链接须以 http:// 或 https:// 开头" };

/** The dockings of one invitation, and the form that arranges another. */
export function dockingsHtml(dockings, invitationId) {
  const mine = (dockings || []).filter((d) => d.invitation && d.invitation.id === invitationId);
  const items = mine
    .map(
      (d) => `<li class="wb-docking" data-docking-id="${esc(d.id)}" data-status="${esc(d.status)}">对接 ${esc(when(d.startsAt))} · ${esc(d.place || "")}${d.place && d.onlineUrl ? " · " : ""}${
        d.onlineUrl ? `<a href="${esc(d.onlineUrl)}" rel="noopener noreferrer" target="_blank">线上会议</a>` : ""
      } · ${esc(STATUS[d.status] || d.status)}</li>`,
    )
    .join("");
  const field = (name, text, control) => `<label class="wb-field" data-field="${name}"><span>${text}</span>${control}<span class="wb-field-error" role="alert"></span></label>`;
  return `${items ? `<ul class="wb-dockings">${items}</ul>` : ""}
    <details class="wb-docking-form"><summary>安排对接</summary>
      <form class="wb-schedule" data-invitation-id="${esc(invitationId)}" novalidate>
        ${field("startsAt", "时间（北京时间）", `<input name="startsAt" type="datetime-local">`)}
        ${field("place", "地点", `<input name="place" maxlength="300" placeholder="如：企业二楼会议室">`)}
        ${field("onlineUrl", "或线上会议链接", `<input name="onlineUrl" type="url" placeholder="https://…">`)}
        <button type="submit" class="hub-btn">确定</button><span class="wb-form-error" role="alert"></span>
      </form></details>`;
}

/** Handles the forms of dockingsHtml inside `container`; `done()` reads the page's data again. */
export function handleScheduling(container, done) {
  container.addEventListener("submit", async (event) => {
    const form = event.target.closest(".wb-schedule");
    if (!form) return;
    event.preventDefault();
    form.querySelectorAll(".wb-field-error, .wb-form-error").forEach((e) => (e.textContent = ""));
    const value = form.startsAt.value;
    const input = {
      invitationId: form.dataset.invitationId,
      // The programme runs in China: the time typed is Beijing time, whatever the browser's zone.
      startsAt: value ? new Date(`${value}:00+08:00`).toISOString() : "",
      place: form.place.value.trim() || null,
      onlineUrl: form.onlineUrl.value.trim() || null,
    };
    if (!value) return void (form.querySelector("[data-field=startsAt] .wb-field-error").textContent = "请选择对接时间");
    try {
      await gql(OPS, { input }, "WorkbenchScheduleDocking");
      await done();
    } catch (err) {
      const name = String(err.field || "").replace(/^input\./, "");
      const box = err.code === "BAD_USER_INPUT" && form.querySelector(`[data-field="${CSS.escape(name)}"] .wb-field-error`);
      if (box) box.textContent = FIELD_PROBLEMS[name] || "输入有误";
      else form.querySelector(".wb-form-error").textContent = `安排失败：${messageFor(err)}`;
    }
  });
}

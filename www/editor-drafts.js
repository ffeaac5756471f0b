// The editor's list of drafts: title and date of each, Open and Delete (a deleted draft can
// be brought back with Undo until the list is next changed). Storage is editor-store.js.
import { el, appendAll } from "./dom.js";
import { listDrafts, loadDraft, deleteDraft, saveDraft } from "./editor-store.js";

/** @typedef {import("./editor-store.js").DraftEntry} DraftEntry */

/** @param {string} text @param {() => void} onClick @param {string} [label] */
function textButton(text, onClick, label) {
  const b = el("button", "fm-btn fm-btn-text", text);
  b.type = "button";
  if (label) b.setAttribute("aria-label", label);
  b.addEventListener("click", onClick);
  return b;
}

/** Made once, when the page starts (the first date formatted loads the locale's data). */
const dates = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
/** "1 Dec 2026, 08:12". @param {number} ms */
const when = (ms) => dates.format(new Date(ms));

/**
 * @param {HTMLElement} box where the list goes
 * @param {object} deps
 * @param {() => string} deps.currentId the draft open now
 * @param {(id: string) => void} deps.open
 * @param {(id: string) => void} deps.deleted called after the draft is gone (the current one: start another)
 * @param {() => Promise<void>} deps.flush write the open draft's last changes first
 * @param {(text: string) => void} deps.say
 * @returns {{refresh: () => Promise<void>}}
 */
export function mountDrafts(box, deps) {
  const list = el("ul", "ed-drafts");
  const undoBox = el("p", "ed-undo-delete");
  box.append(list, undoBox);
  /** @param {DraftEntry} d */
  const remove = async (d) => {
    await deps.flush();
    const full = await loadDraft(d.id);
    if (!full) return;
    await deleteDraft(d.id);
    deps.deleted(d.id);
    undoBox.replaceChildren(el("span", null, `Draft “${d.title}” deleted. `),
      textButton("Undo", async () => { await saveDraft(full); undoBox.replaceChildren(); deps.say(`Draft “${d.title}” is back.`); await refresh(); },
        `Undo deleting the draft ${d.title}`));
    await refresh();
  };
  /** @param {DraftEntry} d */
  const row = (d) => {
    const li = el("li", d.id === deps.currentId() ? "ed-draft ed-draft-current" : "ed-draft");
    li.append(el("span", "ed-draft-title", d.title), el("span", "ed-draft-date", ` — ${when(d.updated)} `));
    if (d.id === deps.currentId()) li.append(el("span", "ed-draft-open", "(open now) "));
    else li.append(textButton("Open", () => deps.open(d.id), `Open the draft ${d.title}`));
    li.append(textButton("Delete", () => { void remove(d); }, `Delete the draft ${d.title}`));
    return li;
  };
  const refresh = async () => {
    const drafts = await listDrafts();
    list.replaceChildren();
    appendAll(list, drafts, row);
  };
  return { refresh };
}

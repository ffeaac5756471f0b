// What a CMS does with the iframe's messages: resize it (pym.js and Datawrapper formats).
const frame = /** @type {HTMLIFrameElement} */ (document.getElementById("frame"));
/** @type {{kind: string, id: string, value: number}[]} */
const heightMessages = [];
window.heightMessages = heightMessages;
addEventListener("message", (e) => {
  if (e.source !== frame.contentWindow) return;
  if (typeof e.data === "string" && e.data.startsWith("pymxPYMx")) {
    const [, id, kind, value] = e.data.split("xPYMx");
    heightMessages.push({ kind: "pym", id, value: Number(value) });
    if (kind === "height") frame.height = value;
  } else if (e.data && typeof e.data === "object" && e.data["datawrapper-height"]) {
    for (const [id, h] of Object.entries(e.data["datawrapper-height"])) {
      heightMessages.push({ kind: "datawrapper", id, value: h });
    }
  }
});
const count = /** @type {HTMLOutputElement} */ (document.getElementById("host-count"));
/** @type {HTMLButtonElement} */ (document.getElementById("host-button")).addEventListener("click", () => { count.value = String(Number(count.value) + 1); });

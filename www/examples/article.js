// What a CMS does with the iframe's messages: resize it (pym.js and Datawrapper formats).
const frame = document.getElementById("frame");
window.heightMessages = [];
addEventListener("message", (e) => {
  if (e.source !== frame.contentWindow) return;
  if (typeof e.data === "string" && e.data.startsWith("pymxPYMx")) {
    const [, id, kind, value] = e.data.split("xPYMx");
    window.heightMessages.push({ kind: "pym", id, value: Number(value) });
    if (kind === "height") frame.height = value;
  } else if (e.data && typeof e.data === "object" && e.data["datawrapper-height"]) {
    for (const [id, h] of Object.entries(e.data["datawrapper-height"])) {
      window.heightMessages.push({ kind: "datawrapper", id, value: h });
    }
  }
});
const count = document.getElementById("host-count");
document.getElementById("host-button").addEventListener("click", () => { count.value = String(Number(count.value) + 1); });

import init, { version } from "./pkg/farmmap.js";
await init();
document.getElementById("status").textContent = `farmmap ${version()} ready`;

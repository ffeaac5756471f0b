// Writes www/stories/kazakhstan-2022.json: the demo story as one self-contained story file
// (steps + the editor's original CSV files inline), the shape <farm-map src="…"> loads, then
// publishes it in place (`farmmap publish`: the data loaded and checked, under "published",
// which the reader's build reads). `cargo test` checks the file is up to date.
// Run: node scripts/data/build_story.mjs   (output committed; needs cargo)
import fs from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
const dir = new URL("../../data/story/", import.meta.url);
const story = JSON.parse(fs.readFileSync(new URL("story.json", dir), "utf8"));
for (const [key, file] of [["farms", "farms.csv"], ["entities", "entities.csv"], ["links", "links.csv"]]) {
  story[key] = { name: file, text: fs.readFileSync(new URL(file, dir), "utf8") };
}
const out = fileURLToPath(new URL("../../www/stories/kazakhstan-2022.json", import.meta.url));
fs.writeFileSync(out, JSON.stringify(story, null, 1) + "\n");
execFileSync("cargo", ["run", "--quiet", "--release", "--bin", "farmmap", "--", "publish", out, "--out", out], {
  cwd: fileURLToPath(new URL("../..", import.meta.url)), stdio: "inherit",
});
console.log("wrote", out);

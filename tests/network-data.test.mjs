// NetworkData in node: loaders report named problems, paths come with their sentence, and
// highlights follow control.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadFarmmap } from "../bench/layout-common.mjs";
import { NetworkData, ForceLayout } from "../pkg/farmmap.js";

loadFarmmap();
const enc = (s) => new TextEncoder().encode(s);

function sample() {
  const net = new NetworkData();
  net.addFarm("F1", "Farm X", 75.3, 51.7);
  const e1 = net.loadEntitiesCsv("entities.csv", enc("id,name,kind\nY,Company Y,company\nZ,Z,person\nW,W,person\nQ,Q,alien\n"));
  const l1 = net.loadLinksCsv("links.csv", enc(
    "source_id,target_id,type,relationship,percentage,source_url,confidence\n" +
    "Y,F1,owns,,51,https://x.org/1,\n" +
    "Z,Y,directs,chairman,,https://x.org/2,\n" +
    "Z,W,family,brother,,,alleged\n" +
    "W,GHOST,owns,,,https://x.org/3,\n"));
  return { net, errors: [...e1, ...l1] };
}

test("loaders name every bad record and keep the rest", () => {
  const { net, errors } = sample();
  assert.equal(net.nodeCount, 4);
  assert.deepEqual(errors.map((e) => [e.file, e.row, e.column, e.severity]), [
    ["entities.csv", 5, "kind", "error"],
    ["links.csv", 5, "target_id", "error"],
  ]);
  assert.match(errors[1].message, /"GHOST" is not the id of any entity or farm/);
  assert.deepEqual([...net.sources()], [1, 2, 2]);
  assert.deepEqual([...net.targets()], [0, 1, 3]);
  const ftm = net.loadFtm("aleph.json", enc('{"id":"V","schema":"Company","properties":{"name":["V"]}}\n{oops\n'));
  assert.equal(ftm.length, 1);
  // One problem shape for every importer: the unit (line, statement) is in the sentence.
  assert.equal(ftm[0].row, 2);
  assert.match(ftm[0].text, /^aleph\.json line 2: /);
  net.addFarms(["F2", "F3"], ["", "Farm Three"], Float64Array.of(70, 71), Float64Array.of(50, NaN));
  assert.equal(net.nodeCount, 7);
  assert.throws(() => net.addFarms(["F9", "F2"], ["", ""], Float64Array.of(0, 0), Float64Array.of(0, 0)), /"F2" is already used/);
  assert.equal(net.nodeCount, 7);
  assert.deepEqual(net.toJSON().nodes.slice(5).map((n) => [n.name, n.lat ?? null]), [["F2", 50], ["Farm Three", null]]);
  const bods = net.loadBods("bods.json", enc("[{\"recordType\":\"person\"}]"));
  assert.deepEqual([bods[0].row, bods[0].column], [1, "recordId"]);
  assert.match(bods[0].text, /^bods\.json statement 1, column recordId: /);
});

test("a path reads as a sentence that hedges alleged ties", () => {
  const { net } = sample();
  const p = net.path("F1", "W");
  assert.deepEqual(p.nodes, [0, 1, 2, 3]);
  assert.equal(p.sentence, "Farm X is 51% owned by Company Y, whose chairman is Z, who is believed to be the brother of W.");
  assert.equal(net.path("F1", "F1").sentence, "");
  assert.throws(() => net.path("F1", "nobody"), /no node has the id "nobody"/);
});

test("highlights follow control, and the network round-trips through JSON", () => {
  const { net } = sample();
  assert.deepEqual(net.controllers("F1"), { nodes: [0, 1, 2, 3], ties: [0, 1, 2], farms: [0] });
  assert.deepEqual(net.controlledFarms("W").farms, [0]);
  const json = net.toJSON();
  assert.equal(json.ties[2].confidence, "alleged");
  const again = NetworkData.fromJSON(JSON.parse(JSON.stringify(json)));
  assert.deepEqual(again.toJSON(), json);
  const layout = new ForceLayout(again.nodeCount, again.sources(), again.targets(), { seed: 1 });
  layout.tick(100);
  assert.ok(layout.positions().every(Number.isFinite));
});

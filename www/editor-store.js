// The editor's drafts in IndexedDB, and nothing else: list, load, save, delete. A draft is
// everything the editor holds (the files' original bytes as uploaded, the story object with
// its fields, steps and layout), so a reload or a crash loses nothing. Nothing leaves the
// browser.

/** The draft record's shape; bump it (and read the old one) when the shape changes. */
export const SCHEMA_VERSION = 1;
const DB_NAME = "farmmap-editor";
const STORE = "drafts";
/** Title and date of each draft, so listing never reads the files' bytes. */
const INDEX = "index";

/** @typedef {"farms" | "entities" | "links" | "ftm" | "bods"} DataKey */
/** @typedef {{name: string, bytes: Uint8Array}} OriginalFile a file as uploaded, byte for byte */

/**
 * What the editor holds: the story file's object and the files' original bytes.
 * @typedef {object} DraftState
 * @property {import("./pkg/farmmap.js").StoryFile} story
 * @property {Partial<Record<DataKey, OriginalFile>>} originals
 * @property {boolean} keepLayout
 */

/** @typedef {{id: string, title: string, updated: number}} DraftEntry a line of the drafts list */

/**
 * @typedef {object} Draft
 * @property {string} id
 * @property {number} schema
 * @property {string} title shown in the drafts list
 * @property {number} updated ms since the epoch
 * @property {boolean} unexported changes not yet in a downloaded story.json
 * @property {DraftState} state
 */

/** @type {Promise<IDBDatabase> | null} */
let opened = null;

/** The database (opened once). @returns {Promise<IDBDatabase>} */
function db() {
  opened ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      for (const name of [STORE, INDEX]) if (!req.result.objectStoreNames.contains(name)) req.result.createObjectStore(name, { keyPath: "id" });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return opened;
}

/**
 * One transaction over both stores; resolves with what `run` returns once it has committed.
 * @template T
 * @param {IDBTransactionMode} mode
 * @param {(drafts: IDBObjectStore, index: IDBObjectStore) => IDBRequest<T>} run
 * @returns {Promise<T>}
 */
async function transact(mode, run) {
  const tx = (await db()).transaction([STORE, INDEX], mode);
  const req = run(tx.objectStore(STORE), tx.objectStore(INDEX));
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve(req.result);
    tx.onerror = () => reject(tx.error ?? req.error);
    tx.onabort = () => reject(tx.error ?? new Error("the draft could not be saved"));
  });
}

/** A draft as read, or null when its shape is not one this editor reads. @param {unknown} v @returns {Draft | null} */
function readDraft(v) {
  if (!v || typeof v !== "object") return null;
  const d = /** @type {Draft} */ (v);
  return d.schema === SCHEMA_VERSION && d.state && typeof d.id === "string" ? d : null;
}

/** Every draft's title and date, newest first (the files are not read). @returns {Promise<DraftEntry[]>} */
export async function listDrafts() {
  /** @type {DraftEntry[]} */
  const all = await transact("readonly", (_, index) => index.getAll());
  return all.sort((a, b) => b.updated - a.updated);
}

/** @param {string} id @returns {Promise<Draft | null>} */
export async function loadDraft(id) {
  const d = readDraft(await transact("readonly", (drafts) => drafts.get(id)));
  if (!d) return null;
  // Files are stored as Blobs (older drafts: bytes); the editor holds bytes.
  /** @type {Record<string, OriginalFile>} */
  const originals = {};
  for (const [key, f] of Object.entries(d.state.originals ?? {})) {
    /** @type {{name: string, bytes?: Uint8Array, blob?: Blob}} */
    const stored = /** @type {any} */ (f);
    const bytes = stored.blob ? new Uint8Array(await stored.blob.arrayBuffer()) : stored.bytes;
    if (bytes) { const file = { name: stored.name, bytes }; asBlob.set(file, stored.blob ?? new Blob([/** @type {Uint8Array<ArrayBuffer>} */ (bytes)])); originals[key] = file; }
  }
  return { ...d, state: { ...d.state, originals } };
}

/**
 * Each file's bytes as a Blob, made once: the draft stores the Blob, so an autosave copies
 * no file into the database on the page's main thread (a Blob is stored by reference).
 * @type {WeakMap<OriginalFile, Blob>}
 */
const asBlob = new WeakMap();

/**
 * A file's bytes as a Blob, made once (a copy of the bytes: the file may change on disk).
 * Posting a Blob to a worker copies nothing on the page's main thread either.
 * @param {OriginalFile} f
 */
export function blobOf(f) {
  let blob = asBlob.get(f);
  if (!blob) asBlob.set(f, blob = new Blob([/** @type {Uint8Array<ArrayBuffer>} */ (f.bytes)]));
  return blob;
}

/** @param {Draft} draft */
export async function saveDraft(draft) {
  /** @type {Record<string, {name: string, blob: Blob}>} */
  const originals = {};
  for (const [key, f] of Object.entries(draft.state.originals ?? {})) {
    if (f) originals[key] = { name: f.name, blob: blobOf(f) };
  }
  const stored = { ...draft, schema: SCHEMA_VERSION, state: { ...draft.state, originals } };
  await transact("readwrite", (drafts, index) => {
    index.put({ id: draft.id, title: draft.title, updated: draft.updated });
    return drafts.put(stored);
  });
}

/** @param {string} id */
export async function deleteDraft(id) {
  await transact("readwrite", (drafts, index) => { index.delete(id); return drafts.delete(id); });
}

/** A new draft's id. */
export const newDraftId = () => `draft-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * Calls `save` once changes stop for `ms` (and at once on `flush`, e.g. when the page hides).
 * @param {() => Promise<void>} save
 * @param {number} [ms]
 */
export function debounced(save, ms = 400) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  /** @type {Promise<void>} */
  let last = Promise.resolve();
  const flush = () => {
    if (timer === undefined) return last;
    clearTimeout(timer);
    timer = undefined;
    last = last.then(save, save);
    return last;
  };
  return {
    schedule: () => { clearTimeout(timer); timer = setTimeout(flush, ms); },
    flush,
    /** @returns {boolean} a save is waiting */
    get pending() { return timer !== undefined; },
  };
}

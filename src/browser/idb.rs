//! Saved maps in IndexedDB: the person's whole workspace (the input files' bytes, and small
//! metadata such as cluster names, colours, settings and positions) kept under a key, so a
//! reload or the same export dropped again brings their work back.
//!
//! Layout of database `tiemap`, version 1:
//! - store `maps`: `key -> { meta, blobs: [{ name, size_bytes }] }`, the small part; listing
//!   saved maps reads only this store.
//! - store `blobs`: `[key, blob_index, chunk_index] -> Uint8Array`, each blob's bytes in chunks
//!   of at most [`CHUNK_BYTES`]. Chunks keep the copy into JS small while saving (each chunk is
//!   cloned by `put` and can be collected at once) and keep every record far below the
//!   browsers' per-value limits even for 100+ MB of input.
//!
//! Every write is one readwrite transaction over both stores, so a map is replaced, deleted
//! or cleared whole or not at all. A save reads the record it replaces in the same
//! transaction ([`SavedMapStore::update`]), so two tabs saving the same map can merge what
//! each wrote instead of one overwriting the other. Requests are issued synchronously and only then awaited,
//! so no transaction has to stay alive across an `await`.
//!
//! Callbacks become futures through `js_sys::Promise`: the promise's own `resolve` / `reject`
//! functions are the event handlers, so no Rust closure is created per request. The only Rust
//! closures are the `upgradeneeded` handler (dropped when `open` returns), the
//! `versionchange` handler (owned by the store, dropped with it) and, per save, the handler
//! that writes the record once the old one is read (dropped when the save ends).

use js_sys::{Array, Promise, Uint8Array};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    DomException, IdbDatabase, IdbFactory, IdbKeyRange, IdbObjectStore, IdbOpenDbRequest,
    IdbRequest, IdbTransaction, IdbTransactionMode, IdbVersionChangeEvent,
};

/// The database's name.
pub const DATABASE: &str = "tiemap";
/// The schema version; a new layout means a new version and a migration in `upgrade`.
pub const VERSION: u32 = 1;
/// The store of metadata records, one per saved map.
pub const MAPS_STORE: &str = "maps";
/// The store of blob chunks.
pub const BLOBS_STORE: &str = "blobs";
/// The most bytes in one chunk record of the `blobs` store (4 MiB).
pub const CHUNK_BYTES: usize = 4 << 20;

/// Why saved maps could not be opened, saved, read or deleted.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// IndexedDB is missing or refused (storage blocked by a setting, a sandboxed frame, or an
    /// old browser's private mode).
    #[error("IndexedDB is not available: {reason}")]
    Unavailable { reason: String },
    /// The browser refused the space for a save (quota exceeded).
    #[error("storage is full: saving {size_bytes} bytes was refused")]
    Full { size_bytes: u64 },
    /// The connection was closed: another tab upgraded the database, or site data was cleared.
    #[error("the database connection is closed: {reason}")]
    Closed { reason: String },
    /// The database on disk has a newer version than this build of tiemap knows.
    #[error("the database was written by a newer version of tiemap")]
    NewerVersion,
    /// The metadata could not be turned into a JS value (a bug in the caller's type).
    #[error("the metadata of {key} could not be encoded: {reason}")]
    Encode { key: String, reason: String },
    /// A saved map is there but does not read back: metadata of another shape, or bytes missing.
    #[error("the saved map {key} could not be read back: {reason}")]
    Unreadable { key: String, reason: String },
    /// Any other refusal by the browser, with the DOMException it gave.
    #[error("the browser could not {doing}: {name}: {message}")]
    Browser {
        doing: &'static str,
        name: String,
        message: String,
    },
}

impl StorageError {
    /// The sentence the page shows.
    pub fn sentence(&self) -> String {
        match self {
            StorageError::Unavailable { .. } => "This browser does not let tiemap keep maps \
                between visits (a privacy setting or private browsing blocks storage); the map \
                works, but it will not be saved."
                .to_string(),
            StorageError::Full { size_bytes } => format!(
                "The browser would not let tiemap save this map ({}): its storage is full or \
                 blocked; the map stays here, and Save project file keeps it (deleting saved maps \
                 you no longer need frees space).",
                megabytes(*size_bytes)
            ),
            StorageError::Closed { .. } => "tiemap lost its connection to your saved maps \
                (another tab updated tiemap, or the site's data was cleared); reload the page \
                to save again."
                .to_string(),
            StorageError::NewerVersion => "Your saved maps were made by a newer version of \
                tiemap; reload the page to get it."
                .to_string(),
            StorageError::Encode { .. } => {
                "tiemap could not save this map's settings; your map still works, but it will \
                 not be saved."
                    .to_string()
            }
            StorageError::Unreadable { .. } => "This saved map could not be read back; delete \
                it and drop the export again."
                .to_string(),
            StorageError::Browser { doing, message, .. } => {
                format!("The browser could not {doing} ({message}).")
            }
        }
    }
}

fn megabytes(size_bytes: u64) -> String {
    let mb = size_bytes as f64 / 1e6;
    if mb < 0.1 {
        format!("{:.0} kB", (size_bytes as f64 / 1e3).max(1.0))
    } else if mb >= 10.0 {
        format!("{mb:.0} MB")
    } else {
        format!("{mb:.1} MB")
    }
}

/// What was being done when the browser said no; decides how its DOMException is read.
#[derive(Clone, Copy)]
enum Op {
    Open,
    Save { size_bytes: u64 },
    Read,
    List,
    Delete,
    Clear,
}

impl Op {
    fn doing(self) -> &'static str {
        match self {
            Op::Open => "open tiemap's storage",
            Op::Save { .. } => "save this map",
            Op::Read => "open this saved map",
            Op::List => "list the saved maps",
            Op::Delete => "delete this saved map",
            Op::Clear => "delete the saved maps",
        }
    }

    /// Turns what the browser threw or reported (usually a DOMException) into an error.
    fn error(self, thrown: JsValue) -> StorageError {
        let (name, message) = match thrown.dyn_ref::<DomException>() {
            Some(e) => (e.name(), e.message()),
            None => match thrown.dyn_ref::<js_sys::Error>() {
                Some(e) => (String::from(e.name()), String::from(e.message())),
                None => (
                    "Error".to_string(),
                    thrown.as_string().unwrap_or_else(|| format!("{thrown:?}")),
                ),
            },
        };
        match (name.as_str(), self) {
            ("QuotaExceededError", Op::Save { size_bytes }) => StorageError::Full { size_bytes },
            ("VersionError", _) => StorageError::NewerVersion,
            // Opening fails this way where storage is blocked (old Firefox private windows).
            (_, Op::Open) => StorageError::Unavailable {
                reason: format!("{name}: {message}"),
            },
            ("InvalidStateError", _) => StorageError::Closed { reason: message },
            _ => StorageError::Browser {
                doing: self.doing(),
                name,
                message,
            },
        }
    }

    /// The error of a transaction that aborted (`None` when tiemap aborted it itself).
    fn aborted(self, tx: &IdbTransaction) -> StorageError {
        match tx.error() {
            Some(e) => self.error(e.into()),
            None => StorageError::Browser {
                doing: self.doing(),
                name: "AbortError".to_string(),
                message: "the transaction was aborted".to_string(),
            },
        }
    }
}

/// One blob's name and length, kept in the metadata record.
#[derive(Serialize, Deserialize)]
struct BlobInfo {
    name: String,
    size_bytes: u64,
}

#[derive(Serialize)]
struct RecordOut<'a, M> {
    meta: &'a M,
    blobs: Vec<BlobInfo>,
}

fn blob_infos(blobs: &[(String, Vec<u8>)]) -> Vec<BlobInfo> {
    blobs
        .iter()
        .map(|(name, bytes)| BlobInfo {
            name: name.clone(),
            size_bytes: bytes.len() as u64,
        })
        .collect()
}

/// The record of the `maps` store: the metadata and its blobs' names and sizes.
fn encode_record<M: Serialize>(
    key: &str,
    meta: &M,
    blobs: Vec<BlobInfo>,
) -> Result<JsValue, StorageError> {
    serde_wasm_bindgen::to_value(&RecordOut { meta, blobs }).map_err(|e| StorageError::Encode {
        key: key.to_string(),
        reason: e.to_string(),
    })
}

#[derive(Deserialize)]
struct RecordIn<M> {
    meta: M,
    blobs: Vec<BlobInfo>,
}

/// Saved maps in the browser's IndexedDB: database `tiemap`, version 1.
pub struct SavedMapStore {
    db: IdbDatabase,
    /// Closes this connection when another tab opens a newer version, so the upgrade can run.
    _on_version_change: Closure<dyn FnMut(IdbVersionChangeEvent)>,
}

impl Drop for SavedMapStore {
    fn drop(&mut self) {
        self.db.set_onversionchange(None);
        self.db.close();
    }
}

impl SavedMapStore {
    /// Opens (creating on first use) the database, in a page or a worker.
    pub async fn open() -> Result<SavedMapStore, StorageError> {
        let factory = factory()?;
        let request = factory
            .open_with_u32(DATABASE, VERSION)
            .map_err(|e| Op::Open.error(e))?;
        let upgrade = UpgradeHandler::install(&request);
        let opened = request_future(&request);
        let result = opened.await;
        drop(upgrade);
        let db: IdbDatabase = result
            .map_err(|()| request_error(Op::Open, &request))?
            .dyn_into()
            .map_err(|v| StorageError::Unavailable {
                reason: format!("open gave {v:?}, not a database"),
            })?;
        let names = db.object_store_names();
        if !(names.contains(MAPS_STORE) && names.contains(BLOBS_STORE)) {
            // Only if an earlier `open` was cancelled mid-upgrade; the version is already 1.
            db.close();
            return Err(StorageError::Unavailable {
                reason: "the database has no `maps` or `blobs` store".to_string(),
            });
        }
        let to_close = db.clone();
        let on_version_change =
            Closure::<dyn FnMut(IdbVersionChangeEvent)>::new(move |_: IdbVersionChangeEvent| {
                to_close.close()
            });
        db.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        Ok(SavedMapStore {
            db,
            _on_version_change: on_version_change,
        })
    }

    /// Saves `meta` (any serde value, small: names, settings, positions) and `blobs`
    /// (named byte arrays, possibly 100+ MB in total) under `key`, replacing what was there.
    pub async fn put<M: Serialize>(
        &self,
        key: &str,
        meta: &M,
        blobs: &[(String, Vec<u8>)],
    ) -> Result<(), StorageError> {
        let record = encode_record(key, meta, blob_infos(blobs))?;
        self.save(key, blobs, true, move |_| Ok(record)).await
    }

    /// Saves `meta` under `key` and leaves the blobs already saved there as they are: for
    /// saves after the first of the same files (a rename must not rewrite 100 MB). `blobs`
    /// are the same files as saved before; only their names and sizes are recorded again.
    pub async fn put_meta<M: Serialize>(
        &self,
        key: &str,
        meta: &M,
        blobs: &[(String, Vec<u8>)],
    ) -> Result<(), StorageError> {
        let record = encode_record(key, meta, blob_infos(blobs))?;
        self.save(key, blobs, false, move |_| Ok(record)).await
    }

    /// Saves under `key` what `merge` makes of the metadata stored there now (`None` when
    /// nothing is, or what is there does not read as `M`), read and written in one
    /// transaction, so no other tab's save can come in between. With `files_too` the blobs'
    /// bytes are written too (else only their names and sizes, as [`Self::put_meta`]).
    /// Returns the metadata that was stored before and the metadata written.
    pub async fn update<M, F>(
        &self,
        key: &str,
        blobs: &[(String, Vec<u8>)],
        files_too: bool,
        merge: F,
    ) -> Result<(Option<M>, M), StorageError>
    where
        M: Serialize + DeserializeOwned + 'static,
        F: FnOnce(Option<&M>) -> M + 'static,
    {
        let infos = blob_infos(blobs);
        let outcome = Rc::new(RefCell::new(None));
        let out = outcome.clone();
        let key_owned = key.to_string();
        self.save(key, blobs, files_too, move |stored| {
            let stored = serde_wasm_bindgen::from_value::<RecordIn<M>>(stored)
                .ok()
                .map(|r| r.meta);
            let written = merge(stored.as_ref());
            let record = encode_record(&key_owned, &written, infos)?;
            *out.borrow_mut() = Some((stored, written));
            Ok(record)
        })
        .await?;
        let written = outcome.borrow_mut().take();
        written.ok_or_else(|| StorageError::Browser {
            doing: "save this map",
            name: "AbortError".to_string(),
            message: "the save ended before it was written".to_string(),
        })
    }

    /// One readwrite transaction: the chunks (when `chunks_too`) are replaced, then the record
    /// stored under `key` is read and `record` makes of it (the record, or `undefined`) the
    /// record written in its place, all before the transaction commits.
    async fn save(
        &self,
        key: &str,
        blobs: &[(String, Vec<u8>)],
        chunks_too: bool,
        record: impl FnOnce(JsValue) -> Result<JsValue, StorageError> + 'static,
    ) -> Result<(), StorageError> {
        let size_bytes = blobs.iter().map(|(_, b)| b.len() as u64).sum();
        let op = Op::Save { size_bytes };
        let tx = self.transaction(
            &[MAPS_STORE, BLOBS_STORE],
            IdbTransactionMode::Readwrite,
            op,
        )?;
        let done = transaction_future(&tx);
        let failed = Rc::new(RefCell::new(None::<StorageError>));
        let issued = (|| -> Result<_, JsValue> {
            let maps = tx.object_store(MAPS_STORE)?;
            let chunks = tx.object_store(BLOBS_STORE)?;
            if chunks_too {
                chunks.delete(&blob_range(key)?)?;
                for (blob_index, (_, bytes)) in blobs.iter().enumerate() {
                    for (chunk_index, chunk) in bytes.chunks(CHUNK_BYTES).enumerate() {
                        // `put` clones the chunk at once, so its JS copy can go right after.
                        let array = Uint8Array::from(chunk);
                        chunks.put_with_key(&array, &chunk_key(key, blob_index, chunk_index))?;
                    }
                }
            }
            // The record is written from the read's success handler: the transaction is
            // still active there, so nothing can be written between the read and the write.
            let read = maps.get(&JsValue::from_str(key))?;
            let on_read = {
                let (read_done, tx, failed) = (read.clone(), tx.clone(), failed.clone());
                let key = JsValue::from_str(key);
                let mut record = Some(record);
                Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
                    let Some(record) = record.take() else { return };
                    let stored = read_done.result().unwrap_or(JsValue::UNDEFINED);
                    let written = record(stored).and_then(|value| {
                        maps.put_with_key(&value, &key)
                            .map(|_| ())
                            .map_err(|e| op.error(e))
                    });
                    if let Err(e) = written {
                        *failed.borrow_mut() = Some(e);
                        let _ = tx.abort();
                    }
                })
            };
            read.set_onsuccess(Some(on_read.as_ref().unchecked_ref()));
            Ok((read, on_read))
        })();
        let (read, on_read) = match issued {
            Ok(issued) => issued,
            Err(e) => {
                // Nothing of a half-issued save may be kept.
                let _ = tx.abort();
                return Err(op.error(e));
            }
        };
        let result = done.await;
        // The handler has run (or never will): it can go.
        read.set_onsuccess(None);
        drop(on_read);
        if let Some(e) = failed.borrow_mut().take() {
            return Err(e);
        }
        result.map_err(|()| op.aborted(&tx))
    }

    /// Only the metadata saved under `key` (no blobs), or `None` if nothing is.
    pub async fn get_meta<M: DeserializeOwned>(
        &self,
        key: &str,
    ) -> Result<Option<M>, StorageError> {
        let op = Op::Read;
        let tx = self.transaction(&[MAPS_STORE], IdbTransactionMode::Readonly, op)?;
        let request = tx
            .object_store(MAPS_STORE)
            .and_then(|maps| maps.get(&JsValue::from_str(key)))
            .map_err(|e| op.error(e))?;
        let value = request_future(&request)
            .await
            .map_err(|()| request_error(op, &request))?;
        if value.is_undefined() {
            return Ok(None);
        }
        let record: RecordIn<M> =
            serde_wasm_bindgen::from_value(value).map_err(|e| StorageError::Unreadable {
                key: key.to_string(),
                reason: e.to_string(),
            })?;
        Ok(Some(record.meta))
    }

    /// The metadata and blobs saved under `key`, or `None` if nothing is.
    pub async fn get<M: DeserializeOwned>(
        &self,
        key: &str,
    ) -> Result<Option<(M, Vec<(String, Vec<u8>)>)>, StorageError> {
        let op = Op::Read;
        let tx = self.transaction(&[MAPS_STORE, BLOBS_STORE], IdbTransactionMode::Readonly, op)?;
        // Both requests go out before either is awaited.
        let (meta_request, chunks_request) = (|| -> Result<_, JsValue> {
            let meta = tx.object_store(MAPS_STORE)?.get(&JsValue::from_str(key))?;
            let chunks = tx
                .object_store(BLOBS_STORE)?
                .get_all_with_key(&blob_range(key)?)?;
            Ok((meta, chunks))
        })()
        .map_err(|e| op.error(e))?;
        let meta_future = request_future(&meta_request);
        let chunks_future = request_future(&chunks_request);
        let value = meta_future
            .await
            .map_err(|()| request_error(op, &meta_request))?;
        let chunks = chunks_future
            .await
            .map_err(|()| request_error(op, &chunks_request))?;
        if value.is_undefined() {
            return Ok(None);
        }
        let unreadable = |reason: String| StorageError::Unreadable {
            key: key.to_string(),
            reason,
        };
        let record: RecordIn<M> =
            serde_wasm_bindgen::from_value(value).map_err(|e| unreadable(e.to_string()))?;
        let chunks: Array = chunks
            .dyn_into()
            .map_err(|_| unreadable("the blob chunks are not a list".to_string()))?;
        let blobs = assemble(&record.blobs, &chunks).map_err(unreadable)?;
        Ok(Some((record.meta, blobs)))
    }

    /// Only the metadata of every saved map (no blobs: the list is quick), by key.
    ///
    /// A record whose metadata does not decode as `M` (saved by an older tiemap with another
    /// shape) is left out rather than failing the whole list; `clear` still removes it.
    pub async fn list<M: DeserializeOwned>(&self) -> Result<Vec<(String, M)>, StorageError> {
        let op = Op::List;
        let tx = self.transaction(&[MAPS_STORE], IdbTransactionMode::Readonly, op)?;
        let (keys_request, values_request) = (|| -> Result<_, JsValue> {
            let maps = tx.object_store(MAPS_STORE)?;
            Ok((maps.get_all_keys()?, maps.get_all()?))
        })()
        .map_err(|e| op.error(e))?;
        let keys_future = request_future(&keys_request);
        let values_future = request_future(&values_request);
        let keys = keys_future
            .await
            .map_err(|()| request_error(op, &keys_request))?;
        let values = values_future
            .await
            .map_err(|()| request_error(op, &values_request))?;
        // Both come back in key order, so they pair up one to one.
        let keys: Array = keys.unchecked_into();
        let values: Array = values.unchecked_into();
        Ok(keys
            .iter()
            .zip(values.iter())
            .filter_map(|(key, value)| {
                let key = key.as_string()?;
                let record: RecordIn<M> = serde_wasm_bindgen::from_value(value).ok()?;
                Some((key, record.meta))
            })
            .collect())
    }

    /// Deletes the map saved under `key` (nothing happens if there is none).
    pub async fn delete(&self, key: &str) -> Result<(), StorageError> {
        let op = Op::Delete;
        self.write(op, |maps, chunks| {
            maps.delete(&JsValue::from_str(key))?;
            chunks.delete(&blob_range(key)?)?;
            Ok(())
        })
        .await
    }

    /// Deletes every saved map.
    pub async fn clear(&self) -> Result<(), StorageError> {
        self.write(Op::Clear, |maps, chunks| {
            maps.clear()?;
            chunks.clear()?;
            Ok(())
        })
        .await
    }

    /// One readwrite transaction over both stores: `issue` sends the requests, then it commits.
    async fn write(
        &self,
        op: Op,
        issue: impl FnOnce(&IdbObjectStore, &IdbObjectStore) -> Result<(), JsValue>,
    ) -> Result<(), StorageError> {
        let tx = self.transaction(
            &[MAPS_STORE, BLOBS_STORE],
            IdbTransactionMode::Readwrite,
            op,
        )?;
        let done = transaction_future(&tx);
        let issued = tx
            .object_store(MAPS_STORE)
            .and_then(|maps| Ok((maps, tx.object_store(BLOBS_STORE)?)))
            .and_then(|(maps, chunks)| issue(&maps, &chunks));
        if let Err(e) = issued {
            let _ = tx.abort();
            return Err(op.error(e));
        }
        done.await.map_err(|()| op.aborted(&tx))
    }

    fn transaction(
        &self,
        stores: &[&str],
        mode: IdbTransactionMode,
        op: Op,
    ) -> Result<IdbTransaction, StorageError> {
        let names: Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
        self.db
            .transaction_with_str_sequence_and_mode(&names, mode)
            .map_err(|e| op.error(e))
    }
}

/// `indexedDB` of the page or the worker this runs in.
fn factory() -> Result<IdbFactory, StorageError> {
    // Reading the property can itself throw (a SecurityError where storage is blocked).
    let value = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("indexedDB"))
        .map_err(|e| Op::Open.error(e))?;
    value.dyn_into().map_err(|_| StorageError::Unavailable {
        reason: "this browser has no indexedDB".to_string(),
    })
}

/// Creates the stores of version 1 (the only version so far) on first use.
struct UpgradeHandler<'a> {
    request: &'a IdbOpenDbRequest,
    _closure: Closure<dyn FnMut(IdbVersionChangeEvent)>,
}

impl<'a> UpgradeHandler<'a> {
    fn install(request: &'a IdbOpenDbRequest) -> Self {
        let target = request.clone();
        let closure =
            Closure::<dyn FnMut(IdbVersionChangeEvent)>::new(move |_: IdbVersionChangeEvent| {
                let Ok(db) = target.result() else { return };
                let db: IdbDatabase = db.unchecked_into();
                let names = db.object_store_names();
                for store in [MAPS_STORE, BLOBS_STORE] {
                    // A failure here aborts the upgrade, and `open` reports the request's error.
                    if !names.contains(store) && db.create_object_store(store).is_err() {
                        if let Some(tx) = target.transaction() {
                            let _ = tx.abort();
                        }
                        return;
                    }
                }
            });
        request.set_onupgradeneeded(Some(closure.as_ref().unchecked_ref()));
        UpgradeHandler {
            request,
            _closure: closure,
        }
    }
}

impl Drop for UpgradeHandler<'_> {
    fn drop(&mut self) {
        // The JS side must never call the closure after it is freed.
        self.request.set_onupgradeneeded(None);
    }
}

/// A request's outcome as a future: `Ok(result)` on success, `Err(())` on error (read the
/// request's `error` then). The handlers are set now, before the event can fire.
fn request_future(request: &IdbRequest) -> impl std::future::Future<Output = Result<JsValue, ()>> {
    let event = JsFuture::from(Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    }));
    let request = request.clone();
    async move {
        event.await.map_err(|_| ())?;
        request.result().map_err(|_| ())
    }
}

/// The error a failed request reports.
fn request_error(op: Op, request: &IdbRequest) -> StorageError {
    match request.error() {
        Ok(Some(e)) => op.error(e.into()),
        Ok(None) | Err(_) => op.error(JsValue::from_str("the request failed")),
    }
}

/// Resolves when the transaction commits, fails when it aborts. Set before any request.
fn transaction_future(tx: &IdbTransaction) -> impl std::future::Future<Output = Result<(), ()>> {
    let future = JsFuture::from(Promise::new(&mut |resolve, reject| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onabort(Some(&reject));
    }));
    async move { future.await.map(|_| ()).map_err(|_| ()) }
}

/// The key of one chunk: `[key, blob_index, chunk_index]`, ordered by blob then chunk.
fn chunk_key(key: &str, blob_index: usize, chunk_index: usize) -> JsValue {
    Array::of3(
        &JsValue::from_str(key),
        &JsValue::from_f64(blob_index as f64),
        &JsValue::from_f64(chunk_index as f64),
    )
    .into()
}

/// Every chunk key of `key`: from `[key]` up to `[key, []]` (arrays sort after numbers).
fn blob_range(key: &str) -> Result<JsValue, JsValue> {
    let key = JsValue::from_str(key);
    IdbKeyRange::bound(&Array::of1(&key), &Array::of2(&key, &Array::new())).map(Into::into)
}

/// Splits the chunks (in key order) back into the blobs the metadata names.
fn assemble(infos: &[BlobInfo], chunks: &Array) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut chunks = chunks.iter();
    let mut blobs = Vec::with_capacity(infos.len());
    for info in infos {
        let size = usize::try_from(info.size_bytes)
            .map_err(|_| format!("{} is too large for this build", info.name))?;
        let mut bytes = Vec::with_capacity(size);
        while bytes.len() < size {
            let chunk: Uint8Array = chunks
                .next()
                .ok_or_else(|| format!("{} is missing bytes", info.name))?
                .dyn_into()
                .map_err(|_| format!("a chunk of {} is not bytes", info.name))?;
            let start = bytes.len();
            bytes.resize(start + chunk.length() as usize, 0);
            chunk.copy_to(&mut bytes[start..]);
        }
        if bytes.len() != size {
            return Err(format!(
                "{} has {} bytes, not {size}",
                info.name,
                bytes.len()
            ));
        }
        blobs.push((info.name.clone(), bytes));
    }
    if chunks.next().is_some() {
        return Err("there are more chunks than the blobs need".to_string());
    }
    Ok(blobs)
}

/// Asks the browser to keep this site's storage (`navigator.storage.persist()`), so saved
/// maps are not cleared to free space: `Some(true)` when it will keep them, `Some(false)` when
/// it may clear them, `None` where the browser has no such API.
pub async fn ask_to_keep_storage() -> Option<bool> {
    let navigator = web_sys::window()?.navigator();
    let storage = js_sys::Reflect::get(&navigator, &JsValue::from_str("storage"))
        .ok()
        .filter(|s| s.is_object())?;
    let persist: js_sys::Function = js_sys::Reflect::get(&storage, &JsValue::from_str("persist"))
        .ok()?
        .dyn_into()
        .ok()?;
    let promise: Promise = persist.call0(&storage).ok()?.dyn_into().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}

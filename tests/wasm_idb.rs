//! Saved maps in IndexedDB (src/browser/idb.rs), in headless Chromium.
//!
//! Each test uses its own keys; only `clear_deletes_every_map` clears, and the tests of one
//! binary run one after another.

#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use tiemap::browser::{SavedMapStore, StorageError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Metadata shaped like the app's: names, colours, settings and positions.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct Meta {
    title: String,
    cluster_names: BTreeMap<u32, String>,
    colours: Vec<String>,
    gravity: f64,
    pinned: Option<u32>,
    pos_in_graph: Vec<f32>,
}

fn meta(title: &str) -> Meta {
    Meta {
        title: title.to_string(),
        cluster_names: [
            (0, "Bank, ex-colleagues".to_string()),
            (7, "Ümlaut 🚀".into()),
        ]
        .into_iter()
        .collect(),
        colours: vec!["#1f77b4".into(), "#ff7f0e".into()],
        gravity: 1.25,
        pinned: None,
        pos_in_graph: vec![0.5, -3.25, 1e-3, f32::MAX],
    }
}

/// Seeded pseudo-random bytes (an LCG), so a misplaced chunk cannot go unnoticed.
fn bytes(len: usize, seed: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    (0..len)
        .map(|_| {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (state >> 24) as u8
        })
        .collect()
}

async fn store() -> SavedMapStore {
    SavedMapStore::open().await.expect("IndexedDB opens")
}

type Blobs = Vec<(String, Vec<u8>)>;

/// How many chunk records the `blobs` store holds for `key` (all keys if `None`), read with a
/// second connection of plain JS, to see that no bytes are left behind where `get` cannot look.
async fn chunk_records(key: Option<&str>) -> u32 {
    let count = js_sys::Function::new_with_args(
        "key",
        r#"return new Promise((ok, fail) => {
            const open = indexedDB.open("tiemap");
            open.onerror = () => fail(open.error);
            open.onsuccess = () => {
                const db = open.result;
                const range = key === undefined ? undefined : IDBKeyRange.bound([key], [key, []]);
                const q = db.transaction("blobs").objectStore("blobs").count(range);
                q.onsuccess = () => { db.close(); ok(q.result); };
                q.onerror = () => { db.close(); fail(q.error); };
            };
        });"#,
    );
    let key = key.map_or(
        wasm_bindgen::JsValue::UNDEFINED,
        wasm_bindgen::JsValue::from_str,
    );
    let promise: js_sys::Promise = count
        .call1(&wasm_bindgen::JsValue::NULL, &key)
        .expect("count starts")
        .into();
    let n = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("counts");
    n.as_f64().expect("a number") as u32
}

#[wasm_bindgen_test]
async fn put_then_get_gives_back_the_same_meta_and_bytes() {
    let store = store().await;
    let blobs: Blobs = vec![
        (
            "Connections.csv".into(),
            b"First Name,Last Name\nAna,Smith\n".to_vec(),
        ),
        // 8 MB: two 4 MiB chunks, the second one partial.
        ("Basic_LinkedInDataExport.zip".into(), bytes(8_000_000, 1)),
        ("empty.txt".into(), Vec::new()),
        // Exactly one chunk, so no chunk of zero bytes is written or expected.
        ("exact.bin".into(), bytes(4 << 20, 2)),
    ];
    store
        .put("round-trip", &meta("round trip"), &blobs)
        .await
        .expect("saves");
    let (back_meta, back_blobs): (Meta, Blobs) = store
        .get("round-trip")
        .await
        .expect("reads")
        .expect("is there");
    assert_eq!(back_meta, meta("round trip"));
    assert_eq!(back_blobs.len(), blobs.len());
    for ((name, data), (back_name, back_data)) in blobs.iter().zip(&back_blobs) {
        assert_eq!(back_name, name);
        assert_eq!(back_data.len(), data.len(), "{name}");
        assert!(back_data == data, "{name}: bytes differ");
    }
    store.delete("round-trip").await.expect("deletes");
}

#[wasm_bindgen_test]
async fn a_meta_only_save_keeps_the_files_saved_before() {
    let store = store().await;
    let blobs: Blobs = vec![
        ("Connections.csv".into(), bytes(5_000_000, 4)),
        ("messages.csv".into(), bytes(1_000, 5)),
    ];
    store
        .put("meta-only", &meta("first"), &blobs)
        .await
        .expect("saves");
    store
        .put_meta("meta-only", &meta("renamed"), &blobs)
        .await
        .expect("saves the small part");
    let (back_meta, back_blobs): (Meta, Blobs) = store
        .get("meta-only")
        .await
        .expect("reads")
        .expect("is there");
    assert_eq!(back_meta, meta("renamed"));
    assert_eq!(back_blobs.len(), 2);
    for ((name, data), (back_name, back_data)) in blobs.iter().zip(&back_blobs) {
        assert_eq!(back_name, name);
        assert!(
            back_data == data,
            "{name}: the files are still there, unchanged"
        );
    }
    store.delete("meta-only").await.expect("deletes");
}

#[wasm_bindgen_test]
async fn a_second_connection_sees_what_the_first_saved() {
    let first = store().await;
    first
        .put(
            "two-connections",
            &meta("shared"),
            &[("a".into(), bytes(10, 3))],
        )
        .await
        .expect("saves");
    drop(first);
    let second = store().await;
    let (m, b): (Meta, Blobs) = second
        .get("two-connections")
        .await
        .expect("reads")
        .expect("is there");
    assert_eq!(m.title, "shared");
    assert_eq!(b, vec![("a".to_string(), bytes(10, 3))]);
    second.delete("two-connections").await.expect("deletes");
}

/// What two tabs do when both save the same map: each connection's update reads what is
/// stored and writes its change over it in one transaction, so neither is lost.
#[wasm_bindgen_test]
async fn updates_from_two_connections_at_once_both_survive() {
    let (tab_a, tab_b) = (store().await, store().await);
    let blobs: Blobs = vec![("Connections.csv".into(), bytes(300_000, 12))];
    let (before, first) = tab_a
        .update("two-tabs", &blobs, true, |stored: Option<&Meta>| {
            assert!(stored.is_none(), "nothing saved yet");
            meta("start")
        })
        .await
        .expect("saves");
    assert_eq!((before, first), (None, meta("start")));
    let add = |cluster: u32, name: &'static str| {
        move |stored: Option<&Meta>| {
            let mut m = stored.cloned().expect("the start is stored");
            m.cluster_names.insert(cluster, name.to_string());
            m
        }
    };
    // Both issued before either is awaited: the second reads what the first wrote.
    let (a, b) = futures::join!(
        tab_a.update("two-tabs", &blobs, false, add(1, "from A")),
        tab_b.update("two-tabs", &blobs, false, add(2, "from B")),
    );
    let (a_before, _) = a.expect("A saves");
    let (b_before, b_written) = b.expect("B saves");
    assert!(!a_before.unwrap().cluster_names.contains_key(&2));
    assert_eq!(
        b_before.unwrap().cluster_names.get(&1).map(String::as_str),
        Some("from A"),
        "B's update read A's"
    );
    let (back, back_blobs): (Meta, Blobs) = tab_b
        .get("two-tabs")
        .await
        .expect("reads")
        .expect("is there");
    assert_eq!(back, b_written);
    assert_eq!(
        back.cluster_names.get(&1).map(String::as_str),
        Some("from A")
    );
    assert_eq!(
        back.cluster_names.get(&2).map(String::as_str),
        Some("from B")
    );
    assert!(back_blobs == blobs, "the files are kept");
    let only_meta: Option<Meta> = tab_a.get_meta("two-tabs").await.expect("reads");
    assert_eq!(only_meta, Some(back));
    tab_a.delete("two-tabs").await.expect("deletes");
    assert_eq!(
        tab_b.get_meta::<Meta>("two-tabs").await.expect("reads"),
        None
    );
}

#[wasm_bindgen_test]
async fn get_of_a_key_never_saved_is_none() {
    let store = store().await;
    let got: Option<(Meta, Blobs)> = store.get("never-saved").await.expect("reads");
    assert!(got.is_none());
    // A key that is a prefix of a saved one does not pick up its blobs either.
    store
        .put("prefix-long", &meta("long"), &[("x".into(), vec![1, 2, 3])])
        .await
        .expect("saves");
    let got: Option<(Meta, Blobs)> = store.get("prefix").await.expect("reads");
    assert!(got.is_none());
    store.delete("prefix-long").await.expect("deletes");
}

#[wasm_bindgen_test]
async fn list_gives_the_metadata_of_every_saved_map_by_key() {
    let store = store().await;
    store
        .put(
            "list-a",
            &meta("first export"),
            &[("a.zip".into(), bytes(8_000_000, 4))],
        )
        .await
        .expect("saves a");
    store
        .put(
            "list-b",
            &meta("second export"),
            &[("b.csv".into(), bytes(100, 5))],
        )
        .await
        .expect("saves b");
    let listed: Vec<(String, Meta)> = store.list().await.expect("lists");
    let mine: Vec<&(String, Meta)> = listed
        .iter()
        .filter(|(k, _)| k.starts_with("list-"))
        .collect();
    assert_eq!(mine.len(), 2, "{listed:?}");
    assert_eq!(mine[0].0, "list-a");
    assert_eq!(mine[0].1, meta("first export"));
    assert_eq!(mine[1].0, "list-b");
    assert_eq!(mine[1].1.title, "second export");
    store.delete("list-a").await.expect("deletes a");
    store.delete("list-b").await.expect("deletes b");
}

#[wasm_bindgen_test]
async fn put_on_a_saved_key_replaces_meta_and_every_blob() {
    let store = store().await;
    store
        .put(
            "overwrite",
            &meta("old"),
            &[
                ("old-1.zip".into(), bytes(5_000_000, 6)),
                ("old-2.csv".into(), bytes(1000, 7)),
            ],
        )
        .await
        .expect("saves the old map");
    assert_eq!(chunk_records(Some("overwrite")).await, 3);
    store
        .put(
            "overwrite",
            &meta("new"),
            &[("new.csv".into(), bytes(20, 8))],
        )
        .await
        .expect("saves the new map");
    let (m, b): (Meta, Blobs) = store
        .get("overwrite")
        .await
        .expect("reads")
        .expect("is there");
    assert_eq!(m.title, "new");
    // No chunk of the old, longer blobs is left behind.
    assert_eq!(b, vec![("new.csv".to_string(), bytes(20, 8))]);
    assert_eq!(chunk_records(Some("overwrite")).await, 1);
    let listed: Vec<(String, Meta)> = store.list().await.expect("lists");
    assert_eq!(listed.iter().filter(|(k, _)| k == "overwrite").count(), 1);
    store.delete("overwrite").await.expect("deletes");
}

#[wasm_bindgen_test]
async fn delete_removes_one_map_and_leaves_the_others() {
    let store = store().await;
    store
        .put("delete-me", &meta("gone"), &[("x".into(), bytes(300, 9))])
        .await
        .expect("saves");
    store
        .put("keep-me", &meta("kept"), &[("y".into(), bytes(300, 10))])
        .await
        .expect("saves");
    store.delete("delete-me").await.expect("deletes");
    let gone: Option<(Meta, Blobs)> = store.get("delete-me").await.expect("reads");
    assert!(gone.is_none());
    let (m, b): (Meta, Blobs) = store
        .get("keep-me")
        .await
        .expect("reads")
        .expect("is still there");
    assert_eq!(m.title, "kept");
    assert_eq!(b[0].1, bytes(300, 10));
    let listed: Vec<(String, Meta)> = store.list().await.expect("lists");
    assert!(!listed.iter().any(|(k, _)| k == "delete-me"));
    assert_eq!(chunk_records(Some("delete-me")).await, 0);
    assert_eq!(chunk_records(Some("keep-me")).await, 1);
    // Deleting what is not there is fine.
    store.delete("delete-me").await.expect("deletes nothing");
    store.delete("keep-me").await.expect("deletes");
}

#[wasm_bindgen_test]
async fn clear_deletes_every_map() {
    let store = store().await;
    for key in ["clear-1", "clear-2"] {
        store
            .put(key, &meta(key), &[("z".into(), bytes(50, 11))])
            .await
            .expect("saves");
    }
    let listed: Vec<(String, Meta)> = store.list().await.expect("lists");
    assert!(listed.len() >= 2);
    store.clear().await.expect("clears");
    let listed: Vec<(String, Meta)> = store.list().await.expect("lists");
    assert!(listed.is_empty(), "{listed:?}");
    let got: Option<(Meta, Blobs)> = store.get("clear-1").await.expect("reads");
    assert!(got.is_none());
    assert_eq!(chunk_records(None).await, 0);
}

#[wasm_bindgen_test]
async fn metadata_of_another_shape_is_unreadable_and_left_out_of_the_list() {
    #[derive(Serialize, Deserialize, Debug)]
    struct Other {
        count: u32,
    }
    let store = store().await;
    store
        .put("other-shape", &Other { count: 3 }, &[])
        .await
        .expect("saves");
    let err = store
        .get::<Meta>("other-shape")
        .await
        .expect_err("does not decode as Meta");
    assert!(
        matches!(&err, StorageError::Unreadable { key, .. } if key == "other-shape"),
        "{err:?}"
    );
    assert!(err.sentence().contains("delete it"), "{}", err.sentence());
    let listed: Vec<(String, Meta)> = store.list().await.expect("lists");
    assert!(!listed.iter().any(|(k, _)| k == "other-shape"));
    let as_other: Vec<(String, Other)> = store.list().await.expect("lists");
    assert!(as_other
        .iter()
        .any(|(k, o)| k == "other-shape" && o.count == 3));
    store.delete("other-shape").await.expect("deletes");
}

#[wasm_bindgen_test]
fn errors_read_as_one_plain_sentence() {
    let full = StorageError::Full {
        size_bytes: 123_400_000,
    };
    assert_eq!(
        full.sentence(),
        "The browser would not let tiemap save this map (123 MB): its storage is full or \
         blocked; the map stays here, and Save project file keeps it (deleting saved maps you no \
         longer need frees space)."
    );
    let small = StorageError::Full { size_bytes: 6_200 };
    assert!(
        small.sentence().contains("this map (6 kB)"),
        "{}",
        small.sentence()
    );
    let browser = StorageError::Browser {
        doing: "list the saved maps",
        name: "UnknownError".into(),
        message: "Internal error.".into(),
    };
    assert_eq!(
        browser.sentence(),
        "The browser could not list the saved maps (Internal error.)."
    );
}

/// How long 120 MB takes to save and read back (printed; asserted only for exact bytes).
#[wasm_bindgen_test]
async fn a_120_mb_workspace_round_trips() {
    let store = store().await;
    let blobs: Blobs = (0..3)
        .map(|i| (format!("part-{i}.zip"), bytes(40_000_000, 20 + i)))
        .collect();
    let started = js_sys::Date::now();
    store
        .put("big", &meta("big"), &blobs)
        .await
        .expect("saves 120 MB");
    let saved = js_sys::Date::now();
    let listed: Vec<(String, Meta)> = store.list().await.expect("lists");
    let listed_at = js_sys::Date::now();
    let (_, back): (Meta, Blobs) = store.get("big").await.expect("reads").expect("is there");
    let read = js_sys::Date::now();
    console_log!(
        "120 MB: put {:.0} ms, list {:.0} ms, get {:.0} ms",
        saved - started,
        listed_at - saved,
        read - listed_at
    );
    assert!(listed.iter().any(|(k, _)| k == "big"));
    assert!(back == blobs, "120 MB read back differ");
    store.delete("big").await.expect("deletes");
}

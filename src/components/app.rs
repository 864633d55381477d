use crate::browser::{download, SavedMapStore, TabChannel};
use crate::browser::{files_from_drop, files_from_entries, read_files, Dropped, PickedFile};
use crate::components::{
    ChangesPanel, ClusterControls, ClusterLegend, ErrorBanner, ExportPanel, ImportReport,
    LayoutControls, MapCanvas, PanelHost, PersonPanel, SavedMaps, SignalPanel, Timeline, Toolbar,
};
use crate::panels::{PanelData, PanelEvent};
use crate::protocol::{MapCommand, MapEvent, Source};
use crate::render::ThemeKind;
use crate::state::{Action, AppState};
use crate::worker::MapWorker;
use crate::WORKER_LOADER_PATH;
use gloo::events::{EventListener, EventListenerOptions};
use gloo::worker::{Spawnable, WorkerBridge};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use tiemap_app::model::{ClusterEdits, Edit, ExportFormat, NameMode, SavedState};
use tiemap_app::project::looks_like_project;
use tiemap_app::saver::{newest, open_saved, AfterLoad, MapInput, SavedMapMeta, Saver};
use tiemap_app::tabs::Seen;
use tiemap_core::import::Limits;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Where the light/dark choice is remembered (localStorage).
const THEME_KEY: &str = "tiemap-theme";

/// How many people the bundled sample has, and its seed (the same sample on every visit):
/// `tiemap_app::saver::SAMPLE`.
pub const SAMPLE_PEOPLE: usize = match tiemap_app::saver::SAMPLE {
    tiemap_app::saver::MapInput::Sample { people, .. } => people,
    tiemap_app::saver::MapInput::Files(_) => 0,
};
pub const SAMPLE_SEED: u64 = match tiemap_app::saver::SAMPLE {
    tiemap_app::saver::MapInput::Sample { seed, .. } => seed,
    tiemap_app::saver::MapInput::Files(_) => 0,
};

/// Saving and restoring, shared by the worker's event callback and the page's callbacks.
struct Persist {
    bridge: RefCell<Option<Rc<WorkerBridge<MapWorker>>>>,
    saver: RefCell<Saver>,
    store: RefCell<Option<Rc<SavedMapStore>>>,
    dispatcher: UseReducerDispatcher<AppState>,
    /// Saved maps, newest first.
    saved: UseStateHandle<Vec<(String, SavedMapMeta)>>,
    /// "Saved in this browser at 09:14", or why saving does not work.
    status: UseStateHandle<Option<String>>,
    /// The key whose input files this page has saved whole: later saves of it write only the
    /// small part (names, settings, positions).
    files_saved: RefCell<Option<String>>,
    /// The state last written to the browser: an edit is written over it at once (the
    /// worker's full snapshot follows a second later).
    last_saved: RefCell<Option<SavedState>>,
    /// The person's edits as the page shows them now, and the map they belong to (its
    /// fingerprint), for a flush when the page is hidden.
    current_edits: RefCell<ClusterEdits>,
    current_map: RefCell<String>,
    /// What this tab last read or wrote of the stored map (`tiemap_app::tabs`): a save
    /// merges over it, so another tab's edits are never overwritten.
    seen: RefCell<Option<Seen>>,
    /// Tells other tabs of this one's saves, and hears theirs.
    channel: RefCell<Option<TabChannel>>,
    /// "This map changed in another tab …", until this tab edits or opens another map.
    tab_note: UseStateHandle<Option<String>>,
    /// Why the last save failed, until one succeeds (the banner says it once, not per edit).
    storage_trouble: RefCell<Option<String>>,
    /// The baked sample is on screen and the worker is not started yet: it starts once the
    /// first picture is drawn still, or as soon as something needs it.
    worker_deferred: Cell<bool>,
    /// What the worker is told first when it starts (opening the baked sample on screen).
    worker_first: RefCell<Option<MapCommand>>,
    /// The worker has answered since it was started (it is downloaded and running).
    worker_ready: Cell<bool>,
    /// The people of the map the worker is opening (its id), sent ahead of the map.
    people_ahead: RefCell<Option<(u32, Vec<tiemap_app::model::NodeView>)>>,
}

/// The worker starts at the latest this long after the baked sample was drawn (it starts
/// once the first picture is drawn still, which is sooner).
const WORKER_AT_LATEST_MS: u32 = 3_000;

/// What a tab says when another tab's edits arrive.
const TAB_NOTE: &str = "This map changed in another tab; its edits are shown here too.";

/// Now, ISO 8601 (the browser's clock).
fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// "2026-11-30T08:05:09.123Z" -> "08:05" (UTC, as saved).
fn hh_mm(iso: &str) -> String {
    iso.get(11..16).unwrap_or(iso).to_string()
}

impl Persist {
    /// Makes the person's current edits durable now: written straight over the last saved
    /// state (only the small record: the files are stored already), without waiting for the
    /// worker's snapshot. Before anything was saved, asks for the snapshot at once.
    fn save_edits_now(self: &Rc<Self>, fingerprint: &str) {
        let edits = self.current_edits.borrow().clone();
        let last = self.last_saved.borrow().clone();
        let Some(mut state) = last.filter(|s| s.fingerprint == fingerprint) else {
            // Nothing of this map is stored yet: its snapshot, at once, with these edits (the
            // worker gets them first, so the snapshot holds them).
            self.send(MapCommand::SetEdits { edits });
            self.send(MapCommand::Snapshot);
            return;
        };
        if state.edits == edits {
            return;
        }
        state.edits = edits;
        let Some((key, meta)) = self.saver.borrow().to_store(&state, &now_iso()) else {
            return;
        };
        if self.files_saved.borrow().as_deref() != Some(key.as_str()) {
            self.send(MapCommand::SetEdits {
                edits: state.edits.clone(),
            });
            self.send(MapCommand::Snapshot);
            return;
        }
        *self.last_saved.borrow_mut() = Some(state);
        // An edit of this tab's own: the note about another tab's has been read.
        self.tab_note.set(None);
        // The record lists its files (names and sizes); their bytes are not written again.
        let blobs = self
            .saver
            .borrow()
            .open
            .as_ref()
            .map(|o| o.input.blobs())
            .unwrap_or_default();
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            this.write(key, meta, blobs, false).await;
        });
    }

    /// Stores `meta` under `key`, merged in one transaction with what other tabs stored
    /// since this tab last looked (`tiemap_app::tabs`); takes their edits in here, says how
    /// the save went, and tells the other tabs. The written metadata, or `None` (and the
    /// sentence saying why) when the browser refused.
    async fn write(
        self: &Rc<Self>,
        key: String,
        meta: SavedMapMeta,
        blobs: Vec<(String, Vec<u8>)>,
        files_too: bool,
    ) -> Option<SavedMapMeta> {
        let store = self.store().await?;
        // Filled in by the merge, which runs inside the transaction: `seen` is read and
        // set there, so saves of this tab that overlap merge in the order they are written.
        let outcome = Rc::new(RefCell::new(None::<(Option<Seen>, Seen)>));
        let taken = Rc::new(RefCell::new(None::<(ClusterEdits, ClusterEdits)>));
        let merge = {
            let (this, key, outcome, taken) =
                (self.clone(), key.clone(), outcome.clone(), taken.clone());
            move |stored: Option<&SavedMapMeta>| {
                let seen = this.seen.borrow().clone().filter(|s| s.key == key);
                if let (Some(theirs), Some(seen)) =
                    (tiemap_app::tabs::from_others(seen.as_ref(), stored), &seen)
                {
                    *taken.borrow_mut() = Some((seen.edits.clone(), theirs.clone()));
                }
                let written = tiemap_app::tabs::merge_for_save(meta, seen.as_ref(), stored);
                let now = Seen::of(&key, &written);
                *this.seen.borrow_mut() = Some(now.clone());
                *outcome.borrow_mut() = Some((seen, now));
                written
            }
        };
        match store.update(&key, &blobs, files_too, merge).await {
            Ok((_, written)) => {
                self.storage_trouble.take();
                if let Some((base, theirs)) = taken.take() {
                    self.take_in(base, theirs);
                }
                *self.last_saved.borrow_mut() = Some(written.state.clone());
                self.status.set(Some(format!(
                    "Saved in this browser at {} UTC.",
                    hh_mm(&written.saved_at)
                )));
                if let Some(channel) = self.channel.borrow().as_ref() {
                    channel.announce(&key, written.revision);
                }
                Some(written)
            }
            Err(e) => {
                let sentence = e.sentence();
                // Said over the map the first time (storage full, say); the map stays.
                let news =
                    self.storage_trouble.replace(Some(sentence.clone())) != Some(sentence.clone());
                if news {
                    self.dispatcher.dispatch(Action::Fail {
                        sentence: sentence.clone(),
                    });
                }
                // Nothing was stored: this tab has not seen what it meant to write.
                if let Some((before, meant)) = outcome.take() {
                    let mut seen = self.seen.borrow_mut();
                    if seen.as_ref() == Some(&meant) {
                        *seen = before;
                    }
                }
                self.status.set(Some(sentence));
                None
            }
        }
    }

    /// Another tab stored `theirs` for the map on screen since this tab saw `base`: their
    /// changes join this tab's edits (and its undo history), with a note saying so.
    fn take_in(&self, base: ClusterEdits, theirs: ClusterEdits) {
        // The page's edits as they are about to be, at once: a save before the next render
        // must not write the older ones.
        let current = tiemap_app::tabs::merge_edits(&base, &self.current_edits.borrow(), &theirs);
        *self.current_edits.borrow_mut() = current;
        self.dispatcher
            .dispatch(Action::FromOtherTab { base, theirs });
        self.tab_note.set(Some(TAB_NOTE.to_string()));
    }

    /// Another tab announced that it saved map `saved.key`: if it is the map on screen and
    /// newer than what this tab saw, its edits are read and taken in.
    fn other_tab_saved(self: &Rc<Self>, saved: crate::browser::Saved) {
        let newer = self
            .seen
            .borrow()
            .as_ref()
            .is_some_and(|s| s.key == saved.key && s.revision < saved.revision);
        if !newer || *self.current_map.borrow() != saved.key {
            return;
        }
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let Some(store) = this.store().await else {
                return;
            };
            let Ok(Some(meta)) = store.get_meta::<SavedMapMeta>(&saved.key).await else {
                return;
            };
            // Looked at again: this tab may have saved (and merged) meanwhile.
            let seen = this.seen.borrow().clone();
            let Some(seen) = seen.filter(|s| s.key == saved.key && s.revision < meta.revision)
            else {
                return;
            };
            if let Some(theirs) = tiemap_app::tabs::from_others(Some(&seen), Some(&meta)) {
                this.take_in(seen.edits.clone(), theirs.clone());
            }
            *this.seen.borrow_mut() = Some(Seen::of(&saved.key, &meta));
            // What is stored now is what this tab shows: nothing to write back.
            if let Some(last) = this.last_saved.borrow_mut().as_mut() {
                if last.fingerprint == saved.key {
                    last.edits = meta.state.edits.clone();
                }
            }
        });
    }

    /// Starts a worker whose events pass through `on_event`.
    fn spawn_worker(self: &Rc<Self>) {
        let events = self.clone();
        self.worker_ready.set(false);
        // people sent ahead by a worker before this one belong to none of this one's maps
        *self.people_ahead.borrow_mut() = None;
        let worker = MapWorker::spawner()
            .callback(move |event| {
                if !events.worker_ready.replace(true) {
                    events.dispatcher.dispatch(Action::WorkerReady);
                }
                events.on_event(event)
            })
            .spawn_with_loader(WORKER_LOADER_PATH);
        // Told before anything else (the worker reads its messages in order).
        if let Some(first) = self.worker_first.take() {
            worker.send(first);
        }
        *self.bridge.borrow_mut() = Some(Rc::new(worker));
    }

    /// Starts the worker if it was deferred (the baked sample is on screen).
    fn wake_worker(self: &Rc<Self>) {
        if self.worker_deferred.replace(false) {
            self.spawn_worker();
        }
    }

    /// Draws the baked sample (`tiemap_app::baked`) at once, as if the worker had opened it;
    /// the worker is downloaded only once that first picture is drawn still (or something
    /// needs it sooner), and opens the sample in the same settled state. `false` when there
    /// is no baked sample.
    fn show_baked_sample(self: &Rc<Self>) -> bool {
        let Some(baked) = crate::baked::sample() else {
            return false;
        };
        let (people, seed) = (baked.people, baked.seed);
        *self.worker_first.borrow_mut() = Some(MapCommand::SettledSample {
            people,
            seed,
            state: Box::new(baked.state),
        });
        self.worker_deferred.set(true);
        self.saver
            .borrow_mut()
            .will_open(MapInput::Sample { people, seed }, None);
        self.on_event(MapEvent::Loaded(Box::new(baked.map)));
        self.on_event(MapEvent::Positions(baked.positions));
        // The map says `tiemap-still` in the task that draws it: the worker is asked for in
        // the next one, once the picture is on its way to the screen.
        let this = self.clone();
        EventListener::once(&gloo::utils::window(), "tiemap-still", move |_| {
            gloo::timers::callback::Timeout::new(0, move || this.wake_worker()).forget();
        })
        .forget();
        // Should no still frame come (no WebGL, say), the worker comes all the same.
        let this = self.clone();
        gloo::timers::callback::Timeout::new(WORKER_AT_LATEST_MS, move || this.wake_worker())
            .forget();
        true
    }

    /// The worker stopped: let it go; the map on screen stays, and Retry starts a new one.
    fn worker_stopped(&self, what: &str) {
        *self.bridge.borrow_mut() = None;
        *self.people_ahead.borrow_mut() = None;
        self.dispatcher.dispatch(Action::WorkerStopped {
            sentence: format!(
                "tiemap's background worker stopped ({what}); your map is still here, and Retry starts it again."
            ),
        });
    }

    /// A new worker, reopening the map that was on screen (with its autosaved names).
    fn restart_worker(self: &Rc<Self>) {
        self.spawn_worker();
        self.dispatcher.dispatch(Action::WorkerRestarted);
        let input = self
            .saver
            .borrow()
            .open
            .as_ref()
            .map(|o| o.input.clone())
            .unwrap_or(MapInput::Sample {
                people: SAMPLE_PEOPLE,
                seed: SAMPLE_SEED,
            });
        self.open_input(input, None);
    }

    fn send(self: &Rc<Self>, command: MapCommand) {
        self.wake_worker();
        if let Some(worker) = self.bridge.borrow().as_ref() {
            worker.send(command);
        }
    }

    /// The browser's store of saved maps, opened once; `None` (and a status sentence) when
    /// the browser refuses.
    async fn store(&self) -> Option<Rc<SavedMapStore>> {
        if let Some(store) = self.store.borrow().as_ref() {
            return Some(store.clone());
        }
        match SavedMapStore::open().await {
            Ok(store) => {
                let store = Rc::new(store);
                *self.store.borrow_mut() = Some(store.clone());
                Some(store)
            }
            Err(e) => {
                self.status.set(Some(e.sentence()));
                None
            }
        }
    }

    async fn refresh_list(&self) {
        if let Some(store) = self.store().await {
            if let Ok(mut list) = store.list::<SavedMapMeta>().await {
                tiemap_core::order::sort_by_text(&mut list, true, |m| &m.1.saved_at);
                self.saved.set(list);
            }
        }
    }

    /// Asks the worker for a map of `input`, to be restored to `restore` once loaded.
    fn open_input(self: &Rc<Self>, input: MapInput, restore: Option<SavedState>) {
        let what = match &input {
            MapInput::Sample { .. } => "Drawing the sample network".to_string(),
            MapInput::Files(files) => format!(
                "Reading {}",
                files
                    .iter()
                    .map(|f| f.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        // A file dropped before the worker has started waits for it, and the pill says so.
        let waiting = self.worker_deferred.get()
            || (self.bridge.borrow().is_some() && !self.worker_ready.get());
        let what = if waiting {
            format!("{what} (starting tiemap's worker)")
        } else {
            what
        };
        self.dispatcher.dispatch(Action::StartWork { what });
        self.tab_note.set(None);
        let command = crate::protocol::open_command(&input);
        self.saver.borrow_mut().will_open(input, restore);
        self.send(command);
    }

    /// Opens the newest saved map, or the sample when there is none.
    async fn open_newest_or_sample(self: Rc<Self>) {
        let sample = MapInput::Sample {
            people: SAMPLE_PEOPLE,
            seed: SAMPLE_SEED,
        };
        let Some(store) = self.store().await else {
            self.open_sample(sample);
            return;
        };
        let list = store.list::<SavedMapMeta>().await.unwrap_or_default();
        let newest_key = newest(&list).map(|(key, _)| key.clone());
        let mut sorted = list;
        tiemap_core::order::sort_by_text(&mut sorted, true, |m| &m.1.saved_at);
        self.saved.set(sorted);
        if let Some(key) = newest_key {
            if let Ok(Some((meta, blobs))) = store.get::<SavedMapMeta>(&key).await {
                *self.seen.borrow_mut() = Some(Seen::of(&key, &meta));
                let (input, state) = open_saved(&meta, blobs);
                self.status
                    .set(Some(format!("Reopened {} as you left it.", meta.title)));
                self.spawn_worker();
                self.open_input(input, Some(state));
                return;
            }
        }
        self.open_sample(sample);
    }

    /// Opens the sample on a first visit: the baked one at once, else the worker's.
    fn open_sample(self: &Rc<Self>, sample: MapInput) {
        if !self.show_baked_sample() {
            self.spawn_worker();
            self.open_input(sample, None);
        }
    }

    /// Reopens the saved map `key`.
    async fn open_saved_map(self: Rc<Self>, key: String) {
        let Some(store) = self.store().await else {
            return;
        };
        match store.get::<SavedMapMeta>(&key).await {
            Ok(Some((meta, blobs))) => {
                *self.seen.borrow_mut() = Some(Seen::of(&key, &meta));
                let (input, state) = open_saved(&meta, blobs);
                self.open_input(input, Some(state));
            }
            Ok(None) => self.refresh_list().await,
            Err(e) => self.dispatcher.dispatch(Action::Fail {
                sentence: e.sentence(),
            }),
        }
    }

    /// Everything the worker says passes here first: loads trigger restores, snapshots are
    /// saved (and downloaded as a project when asked), files are downloaded.
    fn on_event(self: &Rc<Self>, event: MapEvent) {
        // A project file the worker read: the project is the map, and its save replaces
        // what is stored.
        let event = match event {
            MapEvent::Project { input, state } => {
                *self.seen.borrow_mut() = None;
                self.open_input(input.into_input(), Some(*state));
                return;
            }
            // The people of the map under way, ahead of it: kept until it comes.
            MapEvent::People { map_id, people } => {
                *self.people_ahead.borrow_mut() = Some((map_id, people));
                return;
            }
            MapEvent::Loaded(mut map) => {
                let ahead = self.people_ahead.borrow_mut().take();
                if map.people_ahead {
                    let put = match ahead {
                        Some((map_id, people)) if map_id == map.map_id => map.take_people(people),
                        _ => false,
                    };
                    if !put {
                        // (The worker sends them first, so this is not expected: the map on
                        // screen stays rather than a map without names.)
                        self.dispatcher.dispatch(Action::Fail {
                            sentence: "The new map came without its people's names, so the map on screen stays: open the file again.".to_string(),
                        });
                        return;
                    }
                }
                MapEvent::Loaded(map)
            }
            event => event,
        };
        match &event {
            MapEvent::Loaded(map) => {
                let map_id = map.map_id;
                let after = self.saver.borrow_mut().loaded(map);
                match after {
                    AfterLoad::Nothing => {}
                    AfterLoad::Restore(state) => {
                        self.send(MapCommand::Restore { state });
                        self.saver.borrow_mut().lookup_done(map_id);
                    }
                    AfterLoad::LookUp(fingerprint) => {
                        let this = self.clone();
                        wasm_bindgen_futures::spawn_local(async move {
                            if let Some(store) = this.store().await {
                                match store.get::<SavedMapMeta>(&fingerprint).await {
                                    Ok(Some((meta, _))) => {
                                        *this.seen.borrow_mut() =
                                            Some(Seen::of(&fingerprint, &meta));
                                        this.status.set(Some(format!(
                                            "Found your names and layout for this export, saved {}.",
                                            meta.saved_at.get(..10).unwrap_or(&meta.saved_at)
                                        )));
                                        this.send(MapCommand::Restore {
                                            state: Box::new(meta.state),
                                        });
                                    }
                                    // Nothing stored yet: a first save merges with what
                                    // another tab may store first.
                                    Ok(None) => {
                                        *this.seen.borrow_mut() = Some(Seen {
                                            key: fingerprint.clone(),
                                            revision: 0,
                                            edits: ClusterEdits::default(),
                                        })
                                    }
                                    // The map stays as drawn; the person is told why their
                                    // names did not come back.
                                    Err(e) => this.status.set(Some(e.sentence())),
                                }
                            }
                            this.saver.borrow_mut().lookup_done(map_id);
                        });
                    }
                }
            }
            MapEvent::Snapshot(state) => {
                let now = now_iso();
                // The page's edits are the person's latest (the worker's may lag behind an
                // edit, or another tab's just taken in).
                let mut state = state.clone();
                if *self.current_map.borrow() == state.fingerprint {
                    state.edits = self.current_edits.borrow().clone();
                }
                let state = &state;
                let download_project = std::mem::take(&mut self.saver.borrow_mut().download_next);
                // The worker writes the file (JSON) and sends it back (`MapEvent::File`).
                if download_project {
                    let write =
                        self.saver
                            .borrow()
                            .open
                            .as_ref()
                            .map(|open| MapCommand::WriteProject {
                                title: open.title.clone(),
                                saved_at: now.clone(),
                                input: Source::of(&open.input),
                                state: state.clone(),
                            });
                    if let Some(write) = write {
                        self.send(write);
                    }
                }
                let to_store = self.saver.borrow().to_store(state, &now);
                let blobs = self
                    .saver
                    .borrow()
                    .open
                    .as_ref()
                    .map(|o| o.input.blobs())
                    .unwrap_or_default();
                if let Some((key, meta)) = to_store {
                    let this = self.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let files_there =
                            this.files_saved.borrow().as_deref() == Some(key.as_str());
                        if this
                            .write(key.clone(), meta, blobs, !files_there)
                            .await
                            .is_some()
                        {
                            *this.files_saved.borrow_mut() = Some(key);
                            this.refresh_list().await;
                        }
                    });
                }
            }
            MapEvent::File {
                name,
                mime_type,
                bytes,
            } => {
                if let Err(e) = download(name, mime_type, bytes) {
                    self.dispatcher.dispatch(Action::Fail {
                        sentence: e.sentence(),
                    });
                }
            }
            _ => {}
        }
        self.dispatcher.dispatch(Action::Worker(event));
    }
}

/// The page: the whole window is a drop target.
#[function_component]
pub fn App() -> Html {
    let state = use_reducer(|| AppState {
        still: crate::components::map_canvas::reduced_motion(),
        ..AppState::default()
    });
    // Light or dark, remembered in this browser.
    let dark = use_state(|| {
        gloo::utils::window()
            .local_storage()
            .ok()
            .flatten()
            .and_then(|s| s.get_item(THEME_KEY).ok().flatten())
            .is_some_and(|v| v == "dark")
    });
    let on_toggle_theme = {
        let dark = dark.clone();
        Callback::from(move |()| {
            let next = !*dark;
            if let Some(storage) = gloo::utils::window().local_storage().ok().flatten() {
                let _ = storage.set_item(THEME_KEY, if next { "dark" } else { "light" });
            }
            dark.set(next);
        })
    };
    let saved = use_state(Vec::<(String, SavedMapMeta)>::new);
    let save_status = use_state(|| None::<String>);
    let tab_note = use_state(|| None::<String>);
    // Ask once whether the browser will keep saved maps, and say so under "Saved maps".
    let storage_kept = use_state(|| None::<bool>);
    {
        let storage_kept = storage_kept.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                storage_kept.set(crate::browser::ask_to_keep_storage().await);
            });
        });
    }
    let persist = {
        let dispatcher = state.dispatcher();
        let saved = saved.clone();
        let status = save_status.clone();
        let tab_note = tab_note.clone();
        use_memo((), move |_| {
            Rc::new(Persist {
                bridge: RefCell::new(None),
                saver: RefCell::new(Saver::default()),
                store: RefCell::new(None),
                dispatcher,
                saved,
                status,
                files_saved: RefCell::new(None),
                last_saved: RefCell::new(None),
                current_edits: RefCell::new(ClusterEdits::default()),
                current_map: RefCell::new(String::new()),
                seen: RefCell::new(None),
                channel: RefCell::new(None),
                tab_note,
                storage_trouble: RefCell::new(None),
                worker_deferred: Cell::new(false),
                worker_first: RefCell::new(None),
                worker_ready: Cell::new(false),
                people_ahead: RefCell::new(None),
            })
        })
    };

    // Open the map left last time (spawning the worker), or the sample (baked: the worker
    // comes after its first picture).
    {
        let persist = (*persist).clone();
        use_effect_with((), move |_| {
            // Other tabs' saves of the map on screen are taken in as they happen.
            let weak = Rc::downgrade(&persist);
            *persist.channel.borrow_mut() = TabChannel::open(move |saved| {
                if let Some(persist) = weak.upgrade() {
                    persist.other_tab_saved(saved);
                }
            });
            wasm_bindgen_futures::spawn_local(persist.clone().open_newest_or_sample());
            // An uncaught error in the worker (a Rust panic or running out of memory ends as
            // one) reaches the window as an error event from the worker's script.
            let on_error = {
                let persist = persist.clone();
                EventListener::new(&gloo::utils::window(), "error", move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::ErrorEvent>() else {
                        return;
                    };
                    // The page's own scripts have a file name; the worker's errors come from
                    // worker.js / worker_bg.wasm, or without one when raised by its event loop
                    // (the page has no inline script: the CSP forbids it).
                    let file = e.filename();
                    if file.contains("worker") || file.is_empty() {
                        let message = e.message();
                        let what = message.trim_start_matches("Uncaught ").to_string();
                        persist.worker_stopped(&what);
                    }
                })
            };
            // Leaving or hiding the page writes whatever edit is not stored yet.
            let on_hide = {
                let persist = persist.clone();
                EventListener::new(&gloo::utils::window(), "pagehide", move |_| {
                    let map = persist.current_map.borrow().clone();
                    persist.save_edits_now(&map)
                })
            };
            let on_hidden = {
                let persist = persist.clone();
                EventListener::new(&gloo::utils::document(), "visibilitychange", move |_| {
                    if gloo::utils::document().visibility_state()
                        == web_sys::VisibilityState::Hidden
                    {
                        let map = persist.current_map.borrow().clone();
                        persist.save_edits_now(&map)
                    }
                })
            };
            move || drop((on_error, on_hide, on_hidden))
        });
    }

    let send = {
        let persist = (*persist).clone();
        move |command: MapCommand| persist.send(command)
    };

    // Autosave: a second after the map, the person's edits or settings change (or the layout
    // settles), the worker sends a snapshot, which is stored.
    {
        let send = send.clone();
        let timer = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
        let map = state.map.clone();
        let key = (
            map.as_ref().map(|m| m.map_id),
            map.as_ref()
                .and_then(|m| m.signals)
                .map(|w| format!("{w:?}")),
            state.edits.clone(),
            state.resolution.to_bits(),
            state.fold_below,
            state.layout_converged,
        );
        let persist_now = (*persist).clone();
        let fingerprint = map
            .as_ref()
            .map(|m| m.fingerprint.clone())
            .unwrap_or_default();
        use_effect_with(key, move |key| {
            // An edit is kept the moment it is shown (an edit of the map on screen: a new map
            // brings its own edits, which are not an edit).
            let same_map = *persist_now.current_map.borrow() == fingerprint;
            let edits_changed = *persist_now.current_edits.borrow() != key.2;
            *persist_now.current_edits.borrow_mut() = key.2.clone();
            *persist_now.current_map.borrow_mut() = fingerprint.clone();
            if key.0.is_some() && same_map && edits_changed {
                persist_now.save_edits_now(&fingerprint);
            }
            if key.0.is_some() {
                let send = send.clone();
                *timer.borrow_mut() =
                    Some(gloo::timers::callback::Timeout::new(1_000, move || {
                        send(MapCommand::Snapshot)
                    }));
            }
        });
    }

    let on_files = {
        let dispatcher = state.dispatcher();
        let persist = (*persist).clone();
        Callback::from(move |files: Vec<PickedFile>| {
            if files.is_empty() {
                dispatcher.dispatch(Action::Fail {
                    sentence: "That folder holds no file tiemap could read; drop Connections.csv or the whole LinkedIn ZIP.".into(),
                });
                return;
            }
            let what = match files.first().and_then(|f| f.name.split_once('/')) {
                Some((folder, _)) => format!("Reading the folder {folder}"),
                None => {
                    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
                    format!("Reading {}", names.join(", "))
                }
            };
            dispatcher.dispatch(Action::StartWork { what });
            let dispatcher = dispatcher.clone();
            let persist = persist.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let mut files = match read_files(files, Limits::default()).await {
                    Ok(files) => files,
                    Err(e) => {
                        dispatcher.dispatch(Action::Fail {
                            sentence: e.sentence(),
                        });
                        return;
                    }
                };
                // A project file opens the map it holds, as it was saved: the worker reads
                // it (`MapEvent::Project`).
                if let [one] = files.as_slice() {
                    if looks_like_project(&one.bytes) {
                        let one = files.swap_remove(0);
                        persist.send(MapCommand::ReadProject {
                            name: one.name,
                            bytes: one.bytes,
                        });
                        return;
                    }
                }
                persist.open_input(MapInput::Files(Rc::new(files)), None);
            });
        })
    };
    let on_sample = {
        let persist = (*persist).clone();
        Callback::from(move |()| {
            persist.open_input(
                MapInput::Sample {
                    people: SAMPLE_PEOPLE,
                    seed: SAMPLE_SEED,
                },
                None,
            );
        })
    };
    let on_save_project = {
        let persist = (*persist).clone();
        Callback::from(move |()| {
            persist.saver.borrow_mut().download_next = true;
            persist.send(MapCommand::Snapshot);
        })
    };
    let on_open_saved = {
        let persist = (*persist).clone();
        Callback::from(move |key: String| {
            wasm_bindgen_futures::spawn_local(persist.clone().open_saved_map(key));
        })
    };
    let on_delete_saved = {
        let persist = (*persist).clone();
        Callback::from(move |key: String| {
            let persist = persist.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(store) = persist.store().await {
                    persist.files_saved.borrow_mut().take_if(|k| *k == key);
                    if let Err(e) = store.delete(&key).await {
                        persist.status.set(Some(e.sentence()));
                    }
                    persist.refresh_list().await;
                }
            });
        })
    };
    let on_delete_all = {
        let persist = (*persist).clone();
        Callback::from(move |()| {
            let persist = persist.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(store) = persist.store().await {
                    persist.files_saved.borrow_mut().take();
                    match store.clear().await {
                        Ok(()) => persist
                            .status
                            .set(Some("Everything saved in this browser is deleted.".into())),
                        Err(e) => persist.status.set(Some(e.sentence())),
                    }
                    persist.refresh_list().await;
                }
            });
        })
    };
    let on_export = {
        let dispatcher = state.dispatcher();
        let send = send.clone();
        Callback::from(move |(format, names): (ExportFormat, NameMode)| {
            dispatcher.dispatch(Action::StartWork {
                what: format!("Writing {}", format.label()),
            });
            send(MapCommand::Export { format, names });
        })
    };

    let on_pause = {
        let dispatcher = state.dispatcher();
        let send = send.clone();
        Callback::from(move |()| {
            dispatcher.dispatch(Action::SetPaused(true));
            send(MapCommand::PauseLayout);
        })
    };
    let on_resume = {
        let dispatcher = state.dispatcher();
        let send = send.clone();
        Callback::from(move |()| {
            dispatcher.dispatch(Action::SetPaused(false));
            send(MapCommand::ResumeLayout);
        })
    };
    let on_restart = {
        let dispatcher = state.dispatcher();
        let send = send.clone();
        Callback::from(move |()| {
            dispatcher.dispatch(Action::SetPaused(false));
            send(MapCommand::RestartLayout);
        })
    };
    let on_resolution = {
        let dispatcher = state.dispatcher();
        let send = send.clone();
        Callback::from(move |resolution: f64| {
            dispatcher.dispatch(Action::SetResolution(resolution));
            send(MapCommand::SetResolution { resolution });
        })
    };
    let on_fold = {
        let dispatcher = state.dispatcher();
        let send = send.clone();
        Callback::from(move |below: u32| {
            dispatcher.dispatch(Action::SetFold(below));
            send(MapCommand::FoldSmall { below });
        })
    };
    let on_signals = {
        let dispatcher = state.dispatcher();
        let send = send.clone();
        Callback::from(move |weights| {
            dispatcher.dispatch(Action::StartWork {
                what: "Inferring ties".into(),
            });
            send(MapCommand::SetSignals { weights });
        })
    };
    let on_select = {
        let dispatcher = state.dispatcher();
        let send = send.clone();
        Callback::from(move |node: Option<u32>| {
            dispatcher.dispatch(Action::Select(node));
            if let Some(node) = node {
                send(MapCommand::Explain { node });
            }
        })
    };
    let on_pin = {
        let send = send.clone();
        Callback::from(move |(node, pos_in_graph): (usize, [f32; 2])| {
            send(MapCommand::Pin {
                node: node as u32,
                pos_in_graph,
            });
        })
    };
    let on_edit = {
        let dispatcher = state.dispatcher();
        Callback::from(move |edit: Edit| dispatcher.dispatch(Action::Edit(edit)))
    };
    let on_undo = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::Undo))
    };
    let on_redo = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::Redo))
    };
    // The worker shows the clusters with the person's edits whenever they change (an edit,
    // undo, redo, a restore).
    {
        let send = send.clone();
        use_effect_with(state.edits.clone(), move |edits| {
            send(MapCommand::SetEdits {
                edits: edits.clone(),
            });
        });
    }
    // Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) anywhere but in a text field, which keeps its own.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = {
                EventListener::new_with_options(
                    &gloo::utils::window(),
                    "keydown",
                    EventListenerOptions::enable_prevent_default(),
                    move |e| {
                        let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                            return;
                        };
                        if !(e.ctrl_key() || e.meta_key()) {
                            return;
                        }
                        let in_text = e
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                            .is_some_and(|i| i.type_() == "text" || i.type_() == "search");
                        if in_text {
                            return;
                        }
                        match (e.key().to_lowercase().as_str(), e.shift_key()) {
                            ("z", false) => {
                                e.prevent_default();
                                dispatcher.dispatch(Action::Undo);
                            }
                            ("z", true) | ("y", false) => {
                                e.prevent_default();
                                dispatcher.dispatch(Action::Redo);
                            }
                            _ => {}
                        }
                    },
                )
            };
            move || drop(listener)
        });
    }
    // A click on a cluster's name on the map highlights it and opens its name for editing.
    let rename_request = use_state(|| None::<(u32, u32)>);
    let on_cluster_name = {
        let dispatcher = state.dispatcher();
        let rename_request = rename_request.clone();
        Callback::from(move |id: u32| {
            dispatcher.dispatch(Action::Highlight(Some(id)));
            let nonce = rename_request.map_or(0, |(_, n)| n.wrapping_add(1));
            rename_request.set(Some((id, nonce)));
        })
    };
    let on_highlight = {
        let dispatcher = state.dispatcher();
        Callback::from(move |cluster: Option<u32>| dispatcher.dispatch(Action::Highlight(cluster)))
    };

    let ondragenter = {
        let dispatcher = state.dispatcher();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dispatcher.dispatch(Action::DragEnter);
        })
    };
    let ondragover = {
        let dispatcher = state.dispatcher();
        let dragging = state.dragging;
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !dragging {
                dispatcher.dispatch(Action::DragEnter);
            }
        })
    };
    let ondragleave = {
        let dispatcher = state.dispatcher();
        Callback::from(move |e: DragEvent| {
            // Only when the pointer leaves the window, not when it moves between children.
            if e.related_target().is_none() {
                dispatcher.dispatch(Action::DragLeave);
            }
        })
    };
    let ondrop = {
        let dispatcher = state.dispatcher();
        let on_files = on_files.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dispatcher.dispatch(Action::DragLeave);
            match files_from_drop(&e) {
                Dropped::Files(files) if files.is_empty() => dispatcher.dispatch(Action::Fail {
                    sentence: "Nothing to read was dropped; drop a file such as Connections.csv."
                        .into(),
                }),
                Dropped::Files(files) => on_files.emit(files),
                Dropped::Folders(entries) => {
                    dispatcher.dispatch(Action::StartWork {
                        what: "Looking through the folder".into(),
                    });
                    let dispatcher = dispatcher.clone();
                    let on_files = on_files.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        match files_from_entries(entries, &Limits::default()).await {
                            Ok(files) => on_files.emit(files),
                            Err(e) => dispatcher.dispatch(Action::Fail {
                                sentence: e.sentence(),
                            }),
                        }
                    });
                }
            }
        })
    };
    let on_retry = {
        let persist = (*persist).clone();
        Callback::from(move |()| persist.restart_worker())
    };
    let on_dismiss = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::DismissError))
    };

    // What people's sizes stand for: the worker measures the values for each map (degree
    // needs no measuring: the map carries it).
    {
        let send = send.clone();
        let key = (
            state.size_by,
            state.loads,
            state.map.as_ref().map(|m| m.map_id),
        );
        use_effect_with(key, move |(by, _, map)| {
            if map.is_some() && *by != tiemap_app::model::SizeBy::Ties {
                send(MapCommand::SizeBy { by: *by });
            }
        });
    }
    let on_size_by = {
        let dispatcher = state.dispatcher();
        Callback::from(move |e: Event| {
            let by = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .and_then(|s| s.value().parse::<usize>().ok())
                .and_then(|i| tiemap_app::model::SizeBy::ALL.get(i).copied());
            if let Some(by) = by {
                dispatcher.dispatch(Action::SizeBy(by));
            }
        })
    };
    let sizes = state
        .sizes
        .as_ref()
        .filter(|z| z.by == state.size_by && state.size_by != tiemap_app::model::SizeBy::Ties)
        .map(|z| Rc::new(z.values.clone()));
    let size_meaning = state
        .sizes
        .as_ref()
        .map(|z| z.meaning.clone())
        .unwrap_or_else(|| {
            if state.size_by == tiemap_app::model::SizeBy::Ties {
                "Size: how many people on the map each person is tied to.".to_string()
            } else {
                "Measuring…".to_string()
            }
        });

    // The growth timeline: the month the map is shown up to (None: everyone). A new map
    // starts with everyone.
    let until = use_state(|| None::<u32>);
    {
        let until = until.clone();
        use_effect_with(state.map.as_ref().map(|m| m.map_id), move |_| {
            until.set(None)
        });
    }
    let months: Rc<Vec<u32>> = {
        let map = state.map.clone();
        use_memo(map.as_ref().map(|m| m.map_id), move |_| {
            let mut m: Vec<u32> = map
                .iter()
                .flat_map(|m| m.nodes.iter().filter_map(|v| v.connected))
                .collect();
            tiemap_core::order::sort_by_number(&mut m, |&x| x.into());
            m
        })
    };
    let has_timeline = months.first() != months.last();
    let on_until = {
        let until = until.clone();
        Callback::from(move |m: Option<u32>| until.set(m))
    };

    // The insights dialog: measured in the worker when opened, and again when the map, its
    // clusters or the goal change while it is open.
    let insights_open = use_state(|| false);
    // "Check ties" (src/components/check_ties.rs): open or not; while open, the worker is
    // asked for the next questions each time the ties are inferred again.
    let check_open = use_state(|| false);
    {
        let send = send.clone();
        let key = (
            *check_open,
            state.loads,
            state.map.as_ref().map(|m| m.map_id),
        );
        use_effect_with(key, move |(open, _, map)| {
            if *open && map.is_some() {
                send(MapCommand::Questions { count: 10 });
            }
        });
    }
    let open_check = {
        let o = check_open.clone();
        Callback::from(move |_: MouseEvent| o.set(true))
    };
    let close_check = {
        let o = check_open.clone();
        Callback::from(move |()| o.set(false))
    };
    // Ties inferred again: the selected person's ties are explained again.
    {
        let send = send.clone();
        use_effect_with((state.loads, state.selected), move |(_, selected)| {
            if let Some(node) = selected {
                send(MapCommand::Explain { node: *node });
            }
        });
    }
    let goal = use_state(|| tiemap_core::metrics::Goal::ChangeJobs { target: None });
    // Which people make up the core network (`None`: the default for the data).
    let core = use_state(|| None::<tiemap_core::metrics::CoreChoice>);
    {
        let send = send.clone();
        let key = (
            *insights_open,
            (*goal).clone(),
            *core,
            state.map.as_ref().map(|m| (m.map_id, m.clusters.clone())),
            state.edits.roles.clone(),
        );
        use_effect_with(key, move |(open, goal, core, map, _roles)| {
            if *open && map.is_some() {
                send(MapCommand::Insights {
                    goal: goal.clone(),
                    core: *core,
                });
            }
        });
    }
    let on_goal = {
        let goal = goal.clone();
        Callback::from(move |g| goal.set(g))
    };
    let on_core = {
        let core = core.clone();
        Callback::from(move |c| core.set(Some(c)))
    };
    let open_insights = {
        let o = insights_open.clone();
        Callback::from(move |_: MouseEvent| o.set(true))
    };
    let close_insights = {
        let o = insights_open.clone();
        Callback::from(move |()| o.set(false))
    };
    // "What changed": the worker compares the map open before with this one.
    let changes_open = use_state(|| false);
    let open_changes = {
        let o = changes_open.clone();
        let send = send.clone();
        Callback::from(move |_: MouseEvent| {
            o.set(true);
            send(MapCommand::Compare);
        })
    };
    let close_changes = {
        let o = changes_open.clone();
        Callback::from(move |()| o.set(false))
    };
    // Clusters that continue keep the old names (unless the person renamed them here).
    {
        let dispatcher = state.dispatcher();
        let map = state.map.clone();
        use_effect_with(state.changes.clone(), move |changes| {
            if let (Some(changes), Some(map)) = (changes, map) {
                for (cluster, name) in &changes.renames {
                    let unnamed = map
                        .clusters
                        .iter()
                        .any(|c| c.id == *cluster && c.name == c.suggested_name && c.name != *name);
                    if unnamed {
                        dispatcher.dispatch(Action::Edit(Edit::Rename {
                            cluster: *cluster,
                            name: name.clone(),
                        }));
                    }
                }
            }
        });
    }
    let shown_insights = state
        .insights
        .clone()
        .filter(|i| state.map.as_ref().map(|m| m.map_id) == Some(i.map_id));
    let on_need_insights = {
        let send = send.clone();
        let goal = goal.clone();
        let core = core.clone();
        Callback::from(move |()| {
            send(MapCommand::Insights {
                goal: (*goal).clone(),
                core: *core,
            })
        })
    };
    let sample_shown = state.map.as_ref().map(|m| m.is_sample).unwrap_or(true);
    // The share dialog (src/components/share_dialog.rs).
    let share_open = use_state(|| false);
    let on_share = state.map.is_some().then(|| {
        let share_open = share_open.clone();
        Callback::from(move |()| share_open.set(true))
    });
    let on_share_close = {
        let share_open = share_open.clone();
        Callback::from(move |()| share_open.set(false))
    };
    // The two dialogs come from the panels module (src/panels.rs), fetched once the worker is up.
    let on_edit_for_insights = on_edit.clone();
    let on_insights_event = Callback::from(move |event| match event {
        PanelEvent::Goal(g) => on_goal.emit(g),
        PanelEvent::Core(c) => on_core.emit(c),
        PanelEvent::Edit(e) => on_edit_for_insights.emit(e),
        PanelEvent::Close => close_insights.emit(()),
        PanelEvent::NeedInsights => {}
    });
    let on_check_event = {
        let on_edit = on_edit.clone();
        Callback::from(move |event| match event {
            PanelEvent::Edit(e) => on_edit.emit(e),
            PanelEvent::Close => close_check.emit(()),
            PanelEvent::Goal(_) | PanelEvent::Core(_) | PanelEvent::NeedInsights => {}
        })
    };
    let on_share_event = Callback::from(move |event| match event {
        PanelEvent::NeedInsights => on_need_insights.emit(()),
        PanelEvent::Close => on_share_close.emit(()),
        PanelEvent::Goal(_) | PanelEvent::Core(_) | PanelEvent::Edit(_) => {}
    });
    use_effect_with(state.worker_ready, |ready| {
        if *ready {
            crate::browser::panels::prefetch();
        }
    });
    html! {
        <div class={classes!("app", dark.then_some("dark"))} data-worker={if state.worker_ready { "ready" } else { "starting" }} {ondragenter} {ondragover} {ondragleave} {ondrop}>
            <Toolbar on_files={on_files} on_sample={on_sample} {sample_shown} {on_share} />
            <main class={classes!("stage", has_timeline.then_some("has-timeline"))}>
                // Over the map, not above it: the map keeps its size and view when a sentence
                // appears.
                if let Some(sentence) = state.error.clone() {
                    <ErrorBanner sentence={sentence} on_dismiss={on_dismiss} on_retry={state.worker_stopped.then_some(on_retry)} />
                }
                if let Some(map) = state.map.clone() {
                    <MapCanvas
                        map={map.clone()}
                        positions={state.positions.clone().unwrap_or_else(|| Rc::new(map.pos_in_graph.clone()))}
                        version={state.map_version}
                        highlighted_cluster={state.highlighted_cluster}
                        until={*until}
                        size_by={sizes}
                        theme={if *dark { ThemeKind::Dark } else { ThemeKind::Light }}
                        on_toggle_theme={Some(on_toggle_theme.clone())}
                        {on_cluster_name}
                        on_select={on_select.reform(|node: Option<usize>| node.map(|v| v as u32))}
                        on_pin={on_pin}
                        moving={!state.layout_converged && !state.layout_paused}
                    />
                    // The person opened (by the keyboard, a click or a search), said once.
                    <p class="visually-hidden person-announcement" aria-live="polite">
                        { state.selected.map(|node| tiemap_app::outline::opened(&map, node as usize)).unwrap_or_default() }
                    </p>
                    <Timeline months={months.clone()} people={map.nodes.len()} until={*until} on_change={on_until} />
                    <aside class="sidebar">
                        if *check_open && map.signals.is_some() {
                            <PanelHost
                                data={PanelData::CheckTies {
                                    questions: state.questions.clone().filter(|q| q.map_id == map.map_id),
                                    checks: state.edits.ties.clone(),
                                    checking: map.checking.clone(),
                                }}
                                on_event={on_check_event}
                            />
                        }
                        if let Some(node) = state.selected {
                            <PersonPanel map={super::Shared(map.clone())} {node} explanation={state.explanation.clone()} on_select={on_select.clone()} on_edit={on_edit.clone()} />
                        }
                        <section class="panel summary" aria-label="This map">
                            <p class="summary-line" role="status">{ map.summary.clone() }</p>
                            <p class="ties-note">{ map.ties_note.clone() }</p>
                            if let Some(note) = (*tab_note).clone() {
                                <p class="tab-note" role="status" aria-live="polite">{ note }</p>
                            }
                            if map.signals.is_some() && !*check_open {
                                <button class="button check-ties-open" onclick={open_check}>{ "Check ties" }</button>
                            }
                            <ImportReport lines={map.report.clone()} />
                            <label class="select size-by">
                                <span>{ "Size people by" }</span>
                                <select aria-label="Size people by" onchange={on_size_by}>
                                    { for tiemap_app::model::SizeBy::ALL.iter().enumerate().map(|(i, by)| html! {
                                        <option value={i.to_string()} selected={*by == state.size_by}>{ by.label() }</option>
                                    }) }
                                </select>
                            </label>
                            <p class="muted size-meaning">{ size_meaning }</p>
                        </section>
                        <ClusterLegend
                            clusters={map.clusters.clone()}
                            subclusters={map.subclusters.clone()}
                            highlighted={state.highlighted_cluster}
                            {on_highlight}
                            on_edit={on_edit.clone()}
                            can_undo={!state.undo.is_empty()}
                            can_redo={!state.redo.is_empty()}
                            {on_undo}
                            {on_redo}
                            rename_request={*rename_request}
                        />
                        <ClusterControls resolution={state.resolution} modularity={map.modularity} {on_resolution} fold_below={state.fold_below} {on_fold} />
                        if let Some(weights) = map.signals {
                            <SignalPanel {weights} on_change={on_signals} checking={map.checking.clone()} />
                        }
                        <LayoutControls converged={state.layout_converged} paused={state.layout_paused} progress={state.layout_progress} {on_pause} {on_resume} {on_restart} />
                        <ExportPanel {on_export} />
                        <SavedMaps
                            saved={(*saved).clone()}
                            current={Some(map.fingerprint.clone())}
                            status={(*save_status).clone()}
                            kept={*storage_kept}
                            on_open={on_open_saved}
                            on_delete={on_delete_saved}
                            {on_delete_all}
                            {on_save_project}
                        />
                    </aside>
                } else {
                    <p class="placeholder">{ "Loading…" }</p>
                }
                if state.map.is_some() {
                    <button class="button primary insights-open" onclick={open_insights}>{ "Insights" }</button>
                }
                if state.map.is_some() && state.previous_map.is_some() {
                    <button class="button secondary changes-open" onclick={open_changes}>{ "What changed" }</button>
                }
                if let (true, Some(previous)) = (*changes_open, state.previous_map.clone()) {
                    <ChangesPanel changes={state.changes.clone()} {previous} on_close={close_changes} />
                }
                if *insights_open && state.map.is_some() {
                    <PanelHost data={PanelData::Insights { insights: shown_insights.clone(), goal: (*goal).clone() }} on_event={on_insights_event} />
                }
                if let Some(what) = state.busy.clone() {
                    <div class="busy" aria-live="polite">{ format!("{what}…") }</div>
                }
            </main>
            if let (true, Some(map)) = (*share_open, state.map.clone()) {
                <PanelHost
                    data={PanelData::Share {
                        positions: state.positions.clone().unwrap_or_else(|| Rc::new(map.pos_in_graph.clone())),
                        map,
                        insights: shown_insights.clone(),
                    }}
                    on_event={on_share_event}
                />
            }
            if state.dragging {
                <div class="drop-overlay" aria-hidden="true">
                    <p>{ "Drop your LinkedIn export, Connections.csv or a graph file" }</p>
                </div>
            }
        </div>
    }
}

//! Never losing the person's work: the page keeps what each map was made from, autosaves the
//! map's state in the browser (IndexedDB, keyed by the input's fingerprint), restores it on
//! reload or when the same export is dropped again, and writes and reads `.tiemap` projects.
//!
//! The pure parts (what to save, which save to reopen, what a project holds) are plain
//! functions tested natively; the storage calls are in `src/browser/idb.rs`.

use crate::model::{MapData, SavedState};
use crate::project::{project_input, ProjectError, ProjectFile, ProjectInput};
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use tiemap_core::import::InputFile;

/// The bundled sample the page opens on: its size and seed.
pub const SAMPLE: MapInput = MapInput::Sample {
    people: 500,
    seed: 7,
};

/// What a map was made from, as the page keeps it for saving (and [`crate::session::Session::open`] opens).
#[derive(Clone, Debug, PartialEq)]
pub enum MapInput {
    Sample { people: usize, seed: u64 },
    Files(Rc<Vec<InputFile>>),
}

impl MapInput {
    /// The files to store beside the state (none for the sample).
    pub fn blobs(&self) -> Vec<(String, Vec<u8>)> {
        match self {
            MapInput::Sample { .. } => Vec::new(),
            MapInput::Files(files) => files
                .iter()
                .map(|f| (f.name.clone(), f.bytes.clone()))
                .collect(),
        }
    }
}

/// What is kept in the browser for one saved map, beside its files.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedMapMeta {
    pub title: String,
    /// ISO 8601, from the browser's clock; the newest save is reopened on reload.
    pub saved_at: String,
    pub people: usize,
    pub clusters: usize,
    /// `(people, seed)` when the map is the bundled sample (no files are stored).
    pub sample: Option<(usize, u64)>,
    pub state: SavedState,
    /// Bumped by every write, so a tab can tell that another tab saved this map since it
    /// last looked ([`crate::tabs`]). 0 in saves made before it existed.
    #[serde(default)]
    pub revision: u64,
}

/// The map on screen, as far as saving is concerned.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenMap {
    pub map_id: u32,
    pub fingerprint: String,
    pub title: String,
    pub people: usize,
    pub clusters: usize,
    pub input: MapInput,
    /// The save lookup for this map is done (so autosave can't overwrite a save it has not
    /// read yet).
    pub ready_to_save: bool,
    /// The person changed something (the untouched sample is not worth a save).
    pub is_sample: bool,
}

/// The page's saving state.
#[derive(Debug, Default)]
pub struct Saver {
    /// The input sent to the worker and, if any, the state to restore once it is loaded.
    pending: Option<(MapInput, Option<SavedState>)>,
    pub open: Option<OpenMap>,
    /// The next snapshot is also downloaded as a project file.
    pub download_next: bool,
}

/// What to do once the worker loaded a map.
#[derive(Debug, PartialEq)]
pub enum AfterLoad {
    /// Nothing (the same map again, or a map the page did not ask for).
    Nothing,
    /// Restore this state now (it came with the request: a project file or a reload).
    Restore(Box<SavedState>),
    /// Look up a save of this fingerprint in the browser.
    LookUp(String),
}

impl Saver {
    /// The page asks the worker to open `input` (and to restore `restore` once loaded).
    pub fn will_open(&mut self, input: MapInput, restore: Option<SavedState>) {
        self.pending = Some((input, restore));
    }

    /// The worker loaded `map`.
    pub fn loaded(&mut self, map: &MapData) -> AfterLoad {
        if self.open.as_ref().map(|o| o.map_id) == Some(map.map_id) {
            if let Some(open) = self.open.as_mut() {
                open.clusters = map.clusters.len();
            }
            return AfterLoad::Nothing;
        }
        let Some((input, restore)) = self.pending.take() else {
            return AfterLoad::Nothing;
        };
        self.open = Some(OpenMap {
            map_id: map.map_id,
            fingerprint: map.fingerprint.clone(),
            title: map.title.clone(),
            people: map.nodes.len(),
            clusters: map.clusters.len(),
            input,
            ready_to_save: false,
            is_sample: map.is_sample,
        });
        match restore {
            Some(state) if state.fingerprint == map.fingerprint => {
                AfterLoad::Restore(Box::new(state))
            }
            _ => AfterLoad::LookUp(map.fingerprint.clone()),
        }
    }

    /// The lookup (or restore) for map `map_id` is done: autosave may write from now on.
    pub fn lookup_done(&mut self, map_id: u32) {
        if let Some(open) = self.open.as_mut().filter(|o| o.map_id == map_id) {
            open.ready_to_save = true;
        }
    }

    /// What to store for a snapshot of the open map, if it should be stored.
    pub fn to_store(&self, state: &SavedState, saved_at: &str) -> Option<(String, SavedMapMeta)> {
        let open = self.open.as_ref()?;
        if !open.ready_to_save || state.fingerprint != open.fingerprint {
            return None;
        }
        let untouched =
            state.edits == Default::default() && state.resolution == 1.0 && state.fold_below == 0;
        if open.is_sample && untouched {
            return None;
        }
        let sample = match open.input {
            MapInput::Sample { people, seed } => Some((people, seed)),
            MapInput::Files(_) => None,
        };
        Some((
            open.fingerprint.clone(),
            SavedMapMeta {
                title: open.title.clone(),
                saved_at: saved_at.to_string(),
                people: open.people,
                clusters: open.clusters,
                sample,
                state: state.clone(),
                revision: 0,
            },
        ))
    }

    /// A project file of the open map in `state`.
    pub fn project(&self, state: &SavedState, saved_at: &str) -> Option<ProjectFile> {
        let open = self.open.as_ref()?;
        Some(project_of(
            open.title.clone(),
            saved_at.to_string(),
            &open.input,
            state.clone(),
        ))
    }
}

/// The project file of a map titled `title`, made from `input`, in `state`.
pub fn project_of(
    title: String,
    saved_at: String,
    input: &MapInput,
    state: SavedState,
) -> ProjectFile {
    let input = match input {
        MapInput::Sample { people, seed } => ProjectInput::Sample {
            people: *people,
            seed: *seed,
        },
        MapInput::Files(files) => project_input(files),
    };
    ProjectFile::new(title, saved_at, input, state)
}

/// The input and state of a project file, to open it.
pub fn open_project(project: &ProjectFile) -> Result<(MapInput, SavedState), ProjectError> {
    let input = match (&project.input, project.input_files()?) {
        (ProjectInput::Sample { people, seed }, _) => MapInput::Sample {
            people: *people,
            seed: *seed,
        },
        (_, Some(files)) => MapInput::Files(Rc::new(files)),
        (_, None) => return Err(ProjectError::NoMap),
    };
    Ok((input, project.state.clone()))
}

/// The input and state of a saved map (its meta and stored files), to reopen it.
pub fn open_saved(meta: &SavedMapMeta, blobs: Vec<(String, Vec<u8>)>) -> (MapInput, SavedState) {
    let input = match meta.sample {
        Some((people, seed)) => MapInput::Sample { people, seed },
        None => MapInput::Files(Rc::new(
            blobs
                .into_iter()
                .map(|(name, bytes)| InputFile { name, bytes })
                .collect(),
        )),
    };
    (input, meta.state.clone())
}

/// The saved map to reopen on a reload: the newest.
pub fn newest(saved: &[(String, SavedMapMeta)]) -> Option<&(String, SavedMapMeta)> {
    saved.iter().max_by(|a, b| a.1.saved_at.cmp(&b.1.saved_at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClusterEdits, Edit};

    fn state(fingerprint: &str) -> SavedState {
        SavedState {
            fingerprint: fingerprint.into(),
            resolution: 1.0,
            fold_below: 0,
            signals: None,
            seed: 1,
            edits: ClusterEdits::default(),
            node_clusters: vec![0, 0],
            pos_in_graph: vec![0.0; 4],
            ..Default::default()
        }
    }

    fn map(map_id: u32, fingerprint: &str, is_sample: bool) -> MapData {
        MapData {
            map_id,
            title: "Connections.csv".into(),
            summary: String::new(),
            ties_note: String::new(),
            nodes: Vec::new(),
            ties: Vec::new(),
            pos_in_graph: Vec::new(),
            clusters: Vec::new(),
            modularity: 0.0,
            density: 0.0,
            signals: None,
            report: Vec::new(),
            is_sample,
            fingerprint: fingerprint.into(),
            resolution: 1.0,
            fold_below: 0,
            edits: ClusterEdits::default(),
            ..Default::default()
        }
    }

    fn files() -> MapInput {
        MapInput::Files(Rc::new(vec![InputFile {
            name: "Connections.csv".into(),
            bytes: b"First Name\nAna\n".to_vec(),
        }]))
    }

    #[test]
    fn a_new_map_is_looked_up_or_restored_and_only_then_saved() {
        let mut saver = Saver::default();
        saver.will_open(files(), None);
        assert_eq!(
            saver.loaded(&map(1, "fp", false)),
            AfterLoad::LookUp("fp".into())
        );
        // Before the lookup finished, nothing is stored (it could overwrite the save).
        assert_eq!(saver.to_store(&state("fp"), "t1"), None);
        saver.lookup_done(1);
        let (key, meta) = saver.to_store(&state("fp"), "t1").expect("stored");
        assert_eq!(key, "fp");
        assert_eq!(meta.sample, None);
        // A state of another map is never stored under this one.
        assert_eq!(saver.to_store(&state("other"), "t1"), None);
        // The same map loaded again (new signals) is not a new map.
        assert_eq!(saver.loaded(&map(1, "fp", false)), AfterLoad::Nothing);
        // A project or a reload brings its state: restored at once.
        saver.will_open(files(), Some(state("fp2")));
        assert_eq!(
            saver.loaded(&map(2, "fp2", false)),
            AfterLoad::Restore(Box::new(state("fp2")))
        );
        // A state that does not belong to the loaded input is not restored.
        saver.will_open(files(), Some(state("zzz")));
        assert_eq!(
            saver.loaded(&map(3, "fp3", false)),
            AfterLoad::LookUp("fp3".into())
        );
    }

    #[test]
    fn the_untouched_sample_is_not_saved_but_an_edited_one_is() {
        let mut saver = Saver::default();
        saver.will_open(
            MapInput::Sample {
                people: 500,
                seed: 7,
            },
            None,
        );
        saver.loaded(&map(1, "sample-500-7", true));
        saver.lookup_done(1);
        assert_eq!(saver.to_store(&state("sample-500-7"), "t"), None);
        let mut edited = state("sample-500-7");
        edited.edits = ClusterEdits::default().with(Edit::Rename {
            cluster: 0,
            name: "Mine".into(),
        });
        let (_, meta) = saver.to_store(&edited, "t").expect("stored");
        assert_eq!(meta.sample, Some((500, 7)));
        let (input, back) = open_saved(&meta, Vec::new());
        assert_eq!(
            input,
            MapInput::Sample {
                people: 500,
                seed: 7
            }
        );
        assert_eq!(back, edited);
    }

    #[test]
    fn a_project_of_the_open_map_reopens_the_same_input_and_state() {
        let mut saver = Saver::default();
        saver.will_open(files(), None);
        saver.loaded(&map(1, "fp", false));
        let project = saver.project(&state("fp"), "2026-11-30T08:00:00Z").unwrap();
        let bytes = project.to_bytes();
        let read = crate::project::read_project("m.tiemap", &bytes)
            .unwrap()
            .unwrap();
        let (input, back) = open_project(&read).unwrap();
        assert_eq!(input, files());
        assert_eq!(back, state("fp"));
    }

    #[test]
    fn the_newest_save_is_reopened() {
        let meta = |saved_at: &str| SavedMapMeta {
            title: saved_at.into(),
            saved_at: saved_at.into(),
            people: 1,
            clusters: 1,
            sample: None,
            state: state("x"),
            revision: 0,
        };
        let saved = vec![
            ("a".to_string(), meta("2026-11-30T08:00:00Z")),
            ("b".to_string(), meta("2026-11-30T09:00:00Z")),
            ("c".to_string(), meta("2026-11-29T23:00:00Z")),
        ];
        assert_eq!(newest(&saved).map(|s| s.0.as_str()), Some("b"));
        assert_eq!(newest(&[]), None);
    }
}

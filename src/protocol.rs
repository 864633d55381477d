//! Messages between the page and the worker. `MapCommand` goes in, `MapEvent` comes out.
//! What they carry (the map, clusters, edits) is `tiemap_app::model`.

use serde::{Deserialize, Serialize};
use tiemap_app::insights::Insights;
use tiemap_app::model::{
    ClusterEdits, ClusterUpdate, Explanation, ExportFormat, MapData, NameMode, NodeView, Positions,
    Questions, SavedState, SizeBy, Sizes,
};
use tiemap_app::saver::MapInput;
use tiemap_core::import::InputFile;
use tiemap_core::infer::SignalWeights;

/// Page -> worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum MapCommand {
    /// Build the bundled sample network.
    LoadSample { people: usize, seed: u64 },
    /// Read dropped or picked files.
    Import { files: Vec<InputFile> },
    /// Stop moving the layout (positions stay).
    PauseLayout,
    /// Continue the layout (also after it converged: it runs until it settles again).
    ResumeLayout,
    /// Lay the map out again from scratch.
    RestartLayout,
    /// Keep node `node` at `pos_in_graph` (the person dragged it there).
    Pin { node: u32, pos_in_graph: [f32; 2] },
    /// Cluster again at this modularity resolution (higher: more, smaller clusters).
    SetResolution { resolution: f64 },
    /// Write the map as drawn (hidden clusters left out) for other tools (`MapEvent::File`).
    Export {
        format: ExportFormat,
        names: NameMode,
    },
    /// Send back the map's state to save it (`MapEvent::Snapshot`).
    Snapshot,
    /// Put the open map back as it was saved (settings, clusters, edits, positions).
    Restore { state: Box<SavedState> },
    /// Show the clusters with the person's edits (names, colours, hidden, merges, moves).
    /// When the edits say something new about ties (answers), the ties are inferred again
    /// (`MapEvent::Reinferred`); otherwise only the clusters change (`MapEvent::Clusters`).
    SetEdits { edits: ClusterEdits },
    /// The next `count` ties to ask the person about, most telling first
    /// (`MapEvent::Questions`).
    Questions { count: usize },
    /// Show clusters smaller than `below` people as one "Other" cluster (0: show every cluster).
    FoldSmall { below: u32 },
    /// Infer ties again with these signal weights (0 turns a signal off).
    SetSignals { weights: SignalWeights },
    /// Say why node `node` is tied to each of its neighbours.
    Explain { node: u32 },
    /// Measure what the map says, with the findings for `goal` (`MapEvent::Insights`).
    /// `core` chooses the people of the core network (`None`: the default for the data).
    Insights {
        goal: tiemap_core::metrics::Goal,
        core: Option<tiemap_core::metrics::CoreChoice>,
    },
    /// One value per person to size them by (`MapEvent::Sizes`).
    SizeBy { by: SizeBy },
    /// What changed between the map opened before this one and this one (`MapEvent::Changes`).
    Compare,
    /// Open the bundled sample in the settled state `state` the page already shows (the baked
    /// sample, `tiemap_app::baked`), to be in step with it (`MapEvent::Synced`).
    SettledSample {
        people: usize,
        seed: u64,
        state: Box<SavedState>,
    },
    /// Write a `.tiemap` project file of the map titled `title`, made from `input`, in
    /// `state` (`MapEvent::File`). Project files are JSON, and the worker reads and writes
    /// them: the page's wasm, downloaded before the first picture, links no JSON code.
    WriteProject {
        title: String,
        saved_at: String,
        input: Source,
        state: Box<SavedState>,
    },
    /// Read the file `name`, which looks like a project file
    /// (`tiemap_app::project::looks_like_project`): `MapEvent::Project`, or `MapEvent::Failed`
    /// saying why it can't be opened.
    ReadProject { name: String, bytes: Vec<u8> },
}

/// What a map is made from, as a message carries it (`tiemap_app::saver::MapInput`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Source {
    Sample { people: usize, seed: u64 },
    Files(Vec<InputFile>),
}

impl Source {
    pub fn of(input: &MapInput) -> Source {
        match input {
            MapInput::Sample { people, seed } => Source::Sample {
                people: *people,
                seed: *seed,
            },
            MapInput::Files(files) => Source::Files(files.to_vec()),
        }
    }

    pub fn into_input(self) -> MapInput {
        match self {
            Source::Sample { people, seed } => MapInput::Sample { people, seed },
            Source::Files(files) => MapInput::Files(std::rc::Rc::new(files)),
        }
    }
}

/// Worker -> page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum MapEvent {
    /// A long step is under way.
    Progress { stage: String, fraction: f32 },
    /// A new map replaces the one on screen.
    Loaded(Box<MapData>),
    /// New positions for the map on screen (streamed while the layout runs).
    Positions(Positions),
    /// The ties were inferred again after the person's answers (answer to `SetEdits`): the
    /// same map, new ties and clusters; the page's edits and their history stay.
    Reinferred(Box<MapData>),
    /// The next ties to ask about (answer to `Questions`).
    Questions(Questions),
    /// Clusters changed (new resolution); nodes and ties did not.
    Clusters(ClusterUpdate),
    /// Why a node is tied to each neighbour (answer to `Explain`).
    Explanation(Explanation),
    /// A file for the person to download (answer to `Export`).
    File {
        name: String,
        mime_type: String,
        bytes: Vec<u8>,
    },
    /// The open map's state, to save (answer to `Snapshot`).
    Snapshot(Box<SavedState>),
    /// What the map says (answer to `Insights`).
    Insights(Box<Insights>),
    /// One value per person to size them by (answer to `SizeBy`).
    Sizes(Sizes),
    /// What changed since the map opened before (answer to `Compare`).
    Changes(Box<tiemap_app::diff::Changes>),
    /// The command failed; the map on screen stays. `sentence` is what the page shows.
    Failed { sentence: String },
    /// The worker opened the sample the page shows (answer to `SettledSample`): the map as
    /// the worker has it, settled, which the page takes only where it differs.
    Synced(Box<MapData>),
    /// The map a project file holds (answer to `ReadProject`): what it is made from and the
    /// state to restore; the page opens it as any input.
    Project {
        input: Source,
        state: Box<SavedState>,
    },
    /// The people of the map being opened, sent ahead while the worker finds its clusters
    /// (`Session::open_showing`): the `Loaded` map that follows (same `map_id`) comes without
    /// them (`Session::map_data_without_people`), and the page puts them back
    /// (`MapData::take_people`), so it takes in most of the map while the worker works.
    /// (Last, so the other variants keep their numbers: the benchmarks read them.)
    People { map_id: u32, people: Vec<NodeView> },
}

/// The command that opens a map of `input`.
pub fn open_command(input: &tiemap_app::saver::MapInput) -> MapCommand {
    match input {
        tiemap_app::saver::MapInput::Sample { people, seed } => MapCommand::LoadSample {
            people: *people,
            seed: *seed,
        },
        tiemap_app::saver::MapInput::Files(files) => MapCommand::Import {
            files: files.to_vec(),
        },
    }
}

//! Every goal the benchmarks are held to, written once. The report checks each figure against
//! these; the browser runners (tools/bench/browser/run.mjs, page.mjs, tools/bench/page/run.mjs)
//! only measure.
//!
//! A goal's `area` starts its row in the report's goals table ("layout: ..."), its `what`
//! names the figure there, and `threshold`, `direction` and `unit` make its "goal" column.

/// How a figure must compare with its goal's threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// `>=`
    AtLeast,
    /// `<=`
    AtMost,
    /// `<`
    Below,
    /// `>`
    Above,
}

impl Direction {
    pub fn op(self) -> &'static str {
        match self {
            Direction::AtLeast => ">=",
            Direction::AtMost => "<=",
            Direction::Below => "<",
            Direction::Above => ">",
        }
    }

    fn holds(self, figure: f64, threshold: f64) -> bool {
        match self {
            Direction::AtLeast => figure >= threshold,
            Direction::AtMost => figure <= threshold,
            Direction::Below => figure < threshold,
            Direction::Above => figure > threshold,
        }
    }
}

/// What a threshold (and its figure) is counted in, and how it is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// A plain number (a ratio, a modularity, a silhouette): `0.5`.
    Number,
    /// A factor: `10x`.
    Times,
    /// Milliseconds: `300 ms`, and from a second on in seconds: `1.5 s`.
    Ms,
    /// Bytes, written in MiB: `1024 MiB`.
    Bytes,
    /// Bytes, written in KB of 1,000 bytes: `400 KB`.
    Kilobytes,
}

impl Unit {
    pub fn show(self, x: f64) -> String {
        match self {
            Unit::Number => format!("{x}"),
            Unit::Times => format!("{x}x"),
            Unit::Ms if x >= 1000.0 => format!("{} s", x / 1000.0),
            Unit::Ms => format!("{x} ms"),
            Unit::Bytes => format!("{:.0} MiB", x / 1_048_576.0),
            Unit::Kilobytes => format!("{} KB", x / 1000.0),
        }
    }
}

/// Which graphs of its area a goal is stated for, by their node count.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scope {
    All,
    /// `from <= nodes < below`
    Nodes {
        from: f64,
        below: f64,
    },
}

/// A goal: the figure named by `what`, in `unit`, must be `direction` `threshold`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Goal {
    pub area: &'static str,
    pub what: &'static str,
    pub threshold: f64,
    pub direction: Direction,
    pub unit: Unit,
    pub scope: Scope,
}

// ---------------------------------------------------------------------------------------------
// The goals

/// Time of one ForceAtlas2 iteration, graphology's over ours (the figure is the speedup).
pub const LAYOUT_SPEEDUP: Goal = Goal {
    area: "layout",
    what: "ours vs graphology",
    threshold: 10.0,
    direction: Direction::AtLeast,
    unit: Unit::Times,
    scope: Scope::Nodes {
        from: 10_000.0,
        below: 30_000.0,
    },
};

/// Time of one ForceAtlas2 iteration, ours in wasm over ours native (criterion).
pub const LAYOUT_WASM_NATIVE: Goal = Goal {
    area: "layout",
    what: "iteration, wasm vs native",
    threshold: 1.5,
    direction: Direction::AtMost,
    unit: Unit::Times,
    scope: Scope::All,
};

/// The silhouette of the planted groups at which the map counts as settled (on the full graph,
/// not a coarser level): the condition of [`SETTLE_TIME`], not a row of its own.
pub const SETTLE_SILHOUETTE: Goal = Goal {
    area: "layout",
    what: "silhouette of the planted groups",
    threshold: 0.8,
    direction: Direction::AtLeast,
    unit: Unit::Number,
    scope: Scope::All,
};

/// Layout time (Leiden before it not counted) until the map in the browser is settled.
pub const SETTLE_TIME: Goal = Goal {
    area: "layout",
    what: "map settles",
    threshold: 3000.0,
    direction: Direction::AtMost,
    unit: Unit::Ms,
    scope: Scope::All,
};

/// Best modularity over the seeds, ours in the browser minus igraph's.
pub const MODULARITY: Goal = Goal {
    area: "communities",
    what: "modularity",
    threshold: -0.001,
    direction: Direction::AtLeast,
    unit: Unit::Number,
    scope: Scope::All,
};

/// Median time of one Leiden run, ours in the browser minus igraph's native.
pub const COMMUNITY_TIME: Goal = Goal {
    area: "communities",
    what: "browser time",
    threshold: 0.0,
    direction: Direction::AtMost,
    unit: Unit::Ms,
    scope: Scope::Nodes {
        from: 10_000.0,
        below: f64::INFINITY,
    },
};

/// Importing a generated CSV edge list in the browser.
pub const CSV_IMPORT: Goal = Goal {
    area: "import",
    what: "CSV edge list in the browser",
    threshold: 1500.0,
    direction: Direction::Below,
    unit: Unit::Ms,
    scope: Scope::All,
};

/// Tie inference over a generated LinkedIn export in the browser.
pub const INFER: Goal = Goal {
    area: "import",
    what: "tie inference",
    threshold: 300.0,
    direction: Direction::Below,
    unit: Unit::Ms,
    scope: Scope::All,
};

/// Peak wasm memory of a big graph file imported, clustered and laid out in the browser.
pub const MEMORY: Goal = Goal {
    area: "memory",
    what: "imported, clustered, laid out in the browser",
    threshold: 1024.0 * 1024.0 * 1024.0,
    direction: Direction::AtMost,
    unit: Unit::Bytes,
    scope: Scope::All,
};

/// Mean frame time while panning and zooming, ours over sigma.js 3's.
pub const DRAW_RATIO: Goal = Goal {
    area: "drawing",
    what: "frame time while panning and zooming",
    threshold: 0.5,
    direction: Direction::AtMost,
    unit: Unit::Number,
    scope: Scope::All,
};

/// Finding the node under the pointer, the slower of the fitted and the zoomed-in view.
pub const PICK: Goal = Goal {
    area: "drawing",
    what: "node under the pointer",
    threshold: 1.0,
    direction: Direction::Below,
    unit: Unit::Ms,
    scope: Scope::All,
};

/// NMI gained against the true groups after 20 answers in the page's order (checking ties).
pub const CHECKING_GAIN: Goal = Goal {
    area: "checking",
    what: "NMI gain after 20 answers in the page's order",
    threshold: 0.05,
    direction: Direction::AtLeast,
    unit: Unit::Number,
    scope: Scope::All,
};

/// NMI gained after 20 answers in the page's order, minus the gain after 20 random ones.
pub const CHECKING_BEATS_RANDOM: Goal = Goal {
    area: "checking",
    what: "NMI gain after 20 answers, page's order minus random order",
    threshold: 0.0,
    direction: Direction::Above,
    unit: Unit::Number,
    scope: Scope::All,
};

/// Clusters the map of a hard export shows (an "Other" fold counts as one).
pub const LEGIBLE_CLUSTERS: Goal = Goal {
    area: "legibility",
    what: "top-level clusters",
    threshold: 12.0,
    direction: Direction::AtMost,
    unit: Unit::Number,
    scope: Scope::All,
};

/// Share of a hard export's people in its 12 largest clusters ("Other" not among them).
pub const LEGIBLE_TOP_SHARE: Goal = Goal {
    area: "legibility",
    what: "share of people in the 12 largest clusters",
    threshold: 0.9,
    direction: Direction::AtLeast,
    unit: Unit::Number,
    scope: Scope::All,
};

/// Clusters whose name is another's, or another's with " (2)".
pub const LEGIBLE_DUPLICATES: Goal = Goal {
    area: "legibility",
    what: "clusters with a duplicate name",
    threshold: 0.0,
    direction: Direction::AtMost,
    unit: Unit::Number,
    scope: Scope::All,
};

/// Silhouette of the top-level clusters in the settled drawing.
pub const LEGIBLE_SILHOUETTE: Goal = Goal {
    area: "legibility",
    what: "silhouette of the clusters in the settled drawing",
    threshold: 0.5,
    direction: Direction::AtLeast,
    unit: Unit::Number,
    scope: Scope::All,
};

/// Names of clusters with at least 1 % of the people missing from the fitted 1400 x 900 map.
pub const LEGIBLE_NAMES_MISSING: Goal = Goal {
    area: "legibility",
    what: "cluster names (>= 1 % of people) not drawn at 1400 x 900",
    threshold: 0.0,
    direction: Direction::AtMost,
    unit: Unit::Number,
    scope: Scope::All,
};

/// Cluster names cut by the edge of the fitted map.
pub const LEGIBLE_NAMES_CLIPPED: Goal = Goal {
    area: "legibility",
    what: "cluster names clipped by the frame",
    threshold: 0.0,
    direction: Direction::AtMost,
    unit: Unit::Number,
    scope: Scope::All,
};

/// Pairs of cluster names that overlap on the fitted map.
pub const LEGIBLE_NAMES_OVERLAPPING: Goal = Goal {
    area: "legibility",
    what: "overlapping cluster names",
    threshold: 0.0,
    direction: Direction::AtMost,
    unit: Unit::Number,
    scope: Scope::All,
};

/// Time from dropping a 30,000-connection export on the built page to its first picture.
pub const PAGE_FIRST_PICTURE: Goal = Goal {
    area: "page",
    what: "first picture after the drop",
    threshold: 1000.0,
    direction: Direction::AtMost,
    unit: Unit::Ms,
    scope: Scope::Nodes {
        from: 30_000.0,
        below: 100_000.0,
    },
};

/// Time from dropping a 30,000-connection export on the built page to "Layout settled".
pub const PAGE_SETTLED_30K: Goal = Goal {
    area: "page",
    what: "\"Layout settled\" after the drop",
    threshold: 3000.0,
    direction: Direction::AtMost,
    unit: Unit::Ms,
    scope: Scope::Nodes {
        from: 30_000.0,
        below: 100_000.0,
    },
};

/// Time from dropping a 10,000-connection export on the built page to "Layout settled".
pub const PAGE_SETTLED_10K: Goal = Goal {
    area: "page",
    what: "\"Layout settled\" after the drop",
    threshold: 1500.0,
    direction: Direction::AtMost,
    unit: Unit::Ms,
    scope: Scope::Nodes {
        from: 10_000.0,
        below: 30_000.0,
    },
};

/// Time from navigation start to "Layout settled" of the bundled sample (median of the opens).
pub const PAGE_LOAD: Goal = Goal {
    area: "page",
    what: "page load to the settled sample",
    threshold: 1000.0,
    direction: Direction::AtMost,
    unit: Unit::Ms,
    scope: Scope::All,
};

/// The longest main-thread task while the layout of a dropped file runs, on every file.
pub const PAGE_LONG_TASK: Goal = Goal {
    area: "page",
    what: "longest main-thread task while the layout runs",
    threshold: 100.0,
    direction: Direction::AtMost,
    unit: Unit::Ms,
    scope: Scope::All,
};

/// What the page and its worker download before the first picture, gzipped.
pub const PAGE_BYTES: Goal = Goal {
    area: "page",
    what: "bytes downloaded before the first picture, gzipped",
    threshold: 400_000.0,
    direction: Direction::AtMost,
    unit: Unit::Kilobytes,
    scope: Scope::All,
};

/// Every goal, for the tests.
#[cfg(test)]
pub const ALL: [Goal; 26] = [
    LAYOUT_SPEEDUP,
    LAYOUT_WASM_NATIVE,
    SETTLE_SILHOUETTE,
    SETTLE_TIME,
    MODULARITY,
    COMMUNITY_TIME,
    CSV_IMPORT,
    INFER,
    MEMORY,
    DRAW_RATIO,
    PICK,
    LEGIBLE_CLUSTERS,
    LEGIBLE_TOP_SHARE,
    LEGIBLE_DUPLICATES,
    LEGIBLE_SILHOUETTE,
    LEGIBLE_NAMES_MISSING,
    LEGIBLE_NAMES_CLIPPED,
    LEGIBLE_NAMES_OVERLAPPING,
    CHECKING_GAIN,
    CHECKING_BEATS_RANDOM,
    PAGE_FIRST_PICTURE,
    PAGE_SETTLED_30K,
    PAGE_SETTLED_10K,
    PAGE_LOAD,
    PAGE_LONG_TASK,
    PAGE_BYTES,
];

// ---------------------------------------------------------------------------------------------

impl Goal {
    /// The threshold in its unit: `1.5 s`.
    pub fn value(&self) -> String {
        self.unit.show(self.threshold)
    }

    /// The comparison and the threshold: `< 1.5 s`.
    pub fn bound(&self) -> String {
        format!("{} {}", self.direction.op(), self.value())
    }

    /// The comparison and the threshold written in another unit: `<= 1.5` for `<= 1.5x`.
    pub fn bound_as(&self, unit: Unit) -> String {
        format!("{} {}", self.direction.op(), unit.show(self.threshold))
    }

    /// Whether the goal is stated for a graph of `nodes` nodes.
    pub fn applies_to(&self, nodes: f64) -> bool {
        match self.scope {
            Scope::All => true,
            Scope::Nodes { from, below } => (from..below).contains(&nodes),
        }
    }

    /// The figure against the threshold (a figure that is not a number misses).
    pub fn met(&self, figure: Option<f64>) -> Met {
        match figure {
            None => Met::NoFigure,
            Some(x) if self.direction.holds(x, self.threshold) => Met::Yes,
            Some(_) => Met::No,
        }
    }

    /// A row of the goals table: "`area`: `what`" (`what` usually names [`Goal::what`] with
    /// the graph), the goal as stated, the figure as shown, and whether it was met.
    pub fn row(&self, what: String, goal: String, figure: String, met: Met) -> GoalRow {
        GoalRow {
            what: format!("{}: {what}", self.area),
            goal,
            figure,
            met,
        }
    }
}

/// Whether a goal was met.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Met {
    Yes,
    No,
    /// The figure is missing.
    NoFigure,
}

impl std::fmt::Display for Met {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Met::Yes => "yes",
            Met::No => "**no**",
            Met::NoFigure => "? (no figure)",
        })
    }
}

/// A row of the report's goals table.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalRow {
    pub what: String,
    pub goal: String,
    pub figure: String,
    pub met: Met,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directions_hold_at_and_past_the_threshold() {
        // `<` misses at the threshold, `<=` and `>=` meet it
        assert_eq!(CSV_IMPORT.met(Some(1499.9)), Met::Yes);
        assert_eq!(CSV_IMPORT.met(Some(1500.0)), Met::No);
        assert_eq!(MEMORY.met(Some(MEMORY.threshold)), Met::Yes);
        assert_eq!(MEMORY.met(Some(MEMORY.threshold + 1.0)), Met::No);
        assert_eq!(LAYOUT_SPEEDUP.met(Some(10.0)), Met::Yes);
        assert_eq!(LAYOUT_SPEEDUP.met(Some(9.99)), Met::No);
        assert_eq!(MODULARITY.met(Some(-0.0009)), Met::Yes);
        assert_eq!(MODULARITY.met(Some(-0.0011)), Met::No);
        assert_eq!(DRAW_RATIO.met(None), Met::NoFigure);
        assert_eq!(DRAW_RATIO.met(Some(f64::NAN)), Met::No);
        assert_eq!(Met::No.to_string(), "**no**");
    }

    #[test]
    fn goals_are_written_as_the_report_states_them() {
        assert_eq!(LAYOUT_SPEEDUP.bound(), ">= 10x");
        assert_eq!(LAYOUT_WASM_NATIVE.bound_as(Unit::Number), "<= 1.5");
        assert_eq!(SETTLE_SILHOUETTE.bound(), ">= 0.8");
        assert_eq!(SETTLE_TIME.value(), "3 s");
        assert_eq!(CSV_IMPORT.bound(), "< 1.5 s");
        assert_eq!(INFER.bound(), "< 300 ms");
        assert_eq!(PICK.bound(), "< 1 ms");
        assert_eq!(MEMORY.bound(), "<= 1024 MiB");
        assert_eq!(MODULARITY.bound(), ">= -0.001");
        assert_eq!(DRAW_RATIO.bound(), "<= 0.5");
        assert_eq!(LEGIBLE_CLUSTERS.bound(), "<= 12");
        assert_eq!(LEGIBLE_TOP_SHARE.bound(), ">= 0.9");
        assert_eq!(LEGIBLE_DUPLICATES.bound(), "<= 0");
        assert_eq!(PAGE_FIRST_PICTURE.bound(), "<= 1 s");
        assert_eq!(PAGE_SETTLED_30K.bound(), "<= 3 s");
        assert_eq!(PAGE_SETTLED_10K.bound(), "<= 1.5 s");
        assert_eq!(PAGE_LOAD.bound(), "<= 1 s");
        assert_eq!(PAGE_LONG_TASK.bound(), "<= 100 ms");
        assert_eq!(PAGE_BYTES.bound(), "<= 400 KB");
    }

    #[test]
    fn scopes_pick_the_graphs() {
        assert!(!LAYOUT_SPEEDUP.applies_to(1_000.0));
        assert!(LAYOUT_SPEEDUP.applies_to(10_000.0));
        assert!(!LAYOUT_SPEEDUP.applies_to(30_000.0));
        assert!(COMMUNITY_TIME.applies_to(100_000.0));
        assert!(PAGE_SETTLED_10K.applies_to(10_000.0) && !PAGE_SETTLED_10K.applies_to(30_000.0));
        assert!(PAGE_SETTLED_30K.applies_to(30_000.0) && !PAGE_SETTLED_30K.applies_to(2_000.0));
        assert!(!COMMUNITY_TIME.applies_to(1_000.0));
        assert!(ALL
            .iter()
            .all(|g| g.threshold.is_finite() && !g.what.is_empty()));
    }
}

//! What the seeded algorithms give on one fixed graph, as text: the native tests and the
//! wasm tests both compare it with the same checked-in file, so a build whose clusters or
//! layout differ from the native ones for the same seed fails.

use super::planted_partition;
use crate::community::{detect, Algorithm, LeidenSettings};
use crate::hash::Fnv1a64;
use crate::layout::{Fa2Settings, LayoutStart, LayoutState};
use std::fmt::Write;
use std::hash::Hasher;

/// Leiden and Louvain memberships and modularities (bits), and a hash of the layout's
/// positions after 60 iterations, on a 1,500-node planted-partition graph.
pub fn seeded_fingerprint() -> String {
    let g = planted_partition(1500, 12, 10.0, 0.3, 5);
    let mut out = String::new();
    for algorithm in [Algorithm::Leiden, Algorithm::Louvain] {
        let p = detect(&g.csr, algorithm, &LeidenSettings::with_seed(3));
        let _ = writeln!(
            out,
            "{} communities {} modularity {:016x} ({:.6})",
            algorithm.name(),
            p.community_count,
            p.modularity.to_bits(),
            p.modularity
        );
        let ids: Vec<String> = p.membership.iter().map(u32::to_string).collect();
        let _ = writeln!(out, "{} membership {}", algorithm.name(), ids.join(","));
    }
    let settings = Fa2Settings::infer(g.csr.node_count(), g.csr.edge_count());
    if let Ok(mut layout) = LayoutState::new(&g.csr, settings, LayoutStart::Random, 9) {
        layout.step(60);
        // FNV-1a over the position bits.
        let mut positions = Fnv1a64::new();
        for x in layout.positions() {
            positions.write_u32(x.to_bits());
        }
        let hash = positions.finish();
        let _ = writeln!(
            out,
            "layout 60 iterations positions {hash:016x} first {:?}",
            &layout.positions()[..4]
        );
    }
    out
}

//! Layout quality at convergence: a planted partition comes out as separated clusters.

use tiemap_core::layout::{silhouette, Fa2Settings, LayoutStart, LayoutState};
use tiemap_core::sample::planted_partition;

#[test]
fn layout_of_2k_planted_nodes_separates_groups_at_convergence() {
    let g = planted_partition(2_000, 8, 10.0, 0.15, 11);
    let settings = Fa2Settings::infer(2_000, g.csr.edge_count());
    let mut state =
        LayoutState::new(&g.csr, settings, LayoutStart::Random, 4).expect("valid start");
    let mut converged = false;
    while state.iterations() < 3_000 {
        if state.step(50).converged {
            converged = true;
            break;
        }
    }
    assert!(
        converged,
        "no convergence in {} iterations",
        state.iterations()
    );
    let sil = silhouette(state.positions(), &g.truth, 1).expect("one label per node");
    // Measured 0.72 to 0.79 over seeds (before and after the Louvain refinement): the 0.8 of
    // the 30k-node graphs is not reached at this size yet, so this guards against regressions.
    assert!(sil >= 0.7, "silhouette {sil}");
}

//! The bundled sample, baked: the map the page opens on for a first visit, computed once at
//! build time by the same pipeline the worker runs ([`Session::open`], the layout settled),
//! so the page draws it at once without waiting for the worker's download and its work.
//!
//! The page's build script bakes it natively (`build.rs`); the page draws `map` with
//! `positions`, and when the worker arrives it opens the sample and restores `state` (as a
//! saved map is reopened), which gives the same map: the worker is then in step with what the
//! person sees, and every interaction works as on any other map.

use crate::model::{MapData, Positions, SavedState};
use crate::saver::{MapInput, SAMPLE};
use crate::session::{Session, SessionError, SessionSettings};
use serde::{Deserialize, Serialize};

/// The layout's iterations at most while baking (the sample settles in a few hundred).
pub const MAX_ITERATIONS: usize = 5_000;

/// The worker's id for the first map it opens: the baked map carries it, so the worker's
/// reopened sample is the same map to the page.
pub const FIRST_MAP_ID: u32 = 1;

/// The sample as the page first draws it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BakedSample {
    /// Its size and seed ([`SAMPLE`]).
    pub people: usize,
    pub seed: u64,
    /// The map, with the settled positions.
    pub map: MapData,
    /// The settled frame (converged).
    pub positions: Positions,
    /// What the worker restores to be in step with the page.
    pub state: SavedState,
}

/// Bakes [`SAMPLE`]: opens it as the worker does, settles the layout, and restores the
/// settled state into it (the map then is exactly what the worker's restore gives).
pub fn bake() -> Result<BakedSample, SessionError> {
    let MapInput::Sample { people, seed } = SAMPLE else {
        unreachable!("the bundled sample is a sample");
    };
    let mut session = Session::open(
        FIRST_MAP_ID,
        &SAMPLE,
        SessionSettings::default(),
        &|_, _| {},
    )?;
    session.settle(MAX_ITERATIONS);
    let state = session.snapshot();
    let map = session.restore(state.clone())?;
    Ok(BakedSample {
        people,
        seed,
        map,
        positions: session.positions(),
        state,
    })
}

/// Opens the sample `people`, `seed` and puts it in the state `state` (the worker's side of
/// a baked sample): the same map as [`BakedSample::map`].
pub fn reopen(
    map_id: u32,
    people: usize,
    seed: u64,
    state: SavedState,
) -> Result<Session, SessionError> {
    let mut session = Session::open(
        map_id,
        &MapInput::Sample { people, seed },
        SessionSettings::default(),
        &|_, _| {},
    )?;
    session.restore(state)?;
    Ok(session)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_baked_sample_is_settled_and_the_workers_reopened_sample_is_the_same_map() {
        let baked = bake().unwrap();
        assert_eq!(baked.map.nodes.len(), baked.people);
        assert!(baked.map.is_sample);
        assert!(baked.positions.converged, "drawn as settled");
        assert_eq!(baked.positions.progress, 1.0);
        assert_eq!(baked.positions.pos_in_graph, baked.map.pos_in_graph);
        assert!(baked.map.clusters.len() > 1, "{:?}", baked.map.clusters);
        let session = reopen(FIRST_MAP_ID, baked.people, baked.seed, baked.state.clone()).unwrap();
        assert!(!session.layout_running(), "the reopened sample stays still");
        assert_eq!(session.map_data(), baked.map);
        assert_eq!(session.positions(), baked.positions);
        // baked again: the same bytes every build
        assert_eq!(bake().unwrap(), baked);
    }
}

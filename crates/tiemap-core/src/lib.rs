//! tiemap's pure core.
//!
//! Everything that is not browser glue lives here: reading exports and graph files
//! ([`import`]), the graph model ([`model`]), ties inferred from what personal exports hold
//! ([`infer`]), ForceAtlas2 layout ([`layout`]), community detection ([`community`]), network
//! metrics ([`metrics`]), view geometry ([`view`]), export encoders for GEXF, GraphML and CSV
//! ([`export`]) and the bundled sample network ([`sample`]); [`hash`] is the one stable hash
//! (FNV-1a, 64 bits) for fingerprints of outputs; [`order`] sorts by a computed key through
//! one shared sort (the page's wasm links one copy instead of one per element type).
//!
//! The crate has no web dependency: it builds, tests and benches natively, and compiles to
//! wasm unchanged. Every algorithm that makes a random choice takes a seed ([`rng::Rng`]), so
//! the same input and seed give the same output on every platform.

pub mod community;
pub mod export;
pub mod hash;
pub mod import;
pub mod infer;
pub mod layout;
pub mod metrics;
pub mod model;
pub mod order;
pub mod rng;
pub mod sample;
pub mod view;

pub use model::{Csr, Date, Evidence, Network, NodeInfo, Signal, Tie, Timestamp};

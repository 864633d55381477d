//! Ties inferred from what a personal export holds, each with its provenance.

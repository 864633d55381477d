//! Writes a made-up hard export (`sample::hard`) as the file a person would drop, to look at
//! it on the page or time it:
//!
//! `cargo run --release -p tiemap-core --example hard_export -- burst 30000 Connections.csv`
//!
//! Kinds: burst, dominant-employer, generic-roles, sparse-fields, facebook-like (written as
//! Facebook's friends JSON). Seed 42 unless a fourth argument says otherwise.
use tiemap_core::sample::hard::{self, HardKind};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: hard_export KIND PEOPLE OUT [SEED]";
    let (Some(kind), Some(people), Some(out)) = (args.first(), args.get(1), args.get(2)) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let Some(kind) = HardKind::ALL.iter().copied().find(|k| k.name() == kind) else {
        eprintln!(
            "unknown kind {kind:?}; one of {:?}",
            HardKind::ALL.map(HardKind::name)
        );
        std::process::exit(2);
    };
    let people: usize = people.parse().expect("PEOPLE is a number");
    let seed: u64 = args
        .get(3)
        .map_or(42, |s| s.parse().expect("SEED is a number"));
    let export = hard::hard_export(kind, people, seed);
    let bytes = match kind {
        HardKind::FacebookLike => hard::facebook_friends_json(&export.export),
        _ => hard::connections_csv(&export.export),
    };
    std::fs::write(out, bytes).expect("write the file");
}

//! `tiemap`: the command line over tiemap's core, for scripts and comparisons.
//!
//! ```text
//! tiemap layout FILE --seed S [--iterations K] --out positions.json
//! tiemap communities FILE --seed S [--resolution R] [--algorithm leiden|louvain] --out labels.json
//! tiemap metrics FILE --out metrics.json
//! tiemap map FILE [--seed S] [--iterations K] --out map.json
//! ```
//!
//! Every command opens FILE with `tiemap_app::session::Session::open`, as the page does.

mod args;
mod communities;
mod input;
mod layout;
mod map;
mod metrics;

use std::process::ExitCode;

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = argv.split_first() else {
        eprintln!("{}", USAGE);
        return ExitCode::from(2);
    };
    let result = match command.as_str() {
        "-h" | "--help" | "help" => {
            println!("{}", USAGE);
            Ok(())
        }
        "layout" => layout::run(rest),
        "communities" => communities::run(rest),
        "metrics" => metrics::run(rest),
        "map" => map::run(rest),
        other => Err(format!("unknown command {other:?}\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("tiemap: {message}");
            ExitCode::from(1)
        }
    }
}

const USAGE: &str = "usage:
  tiemap layout FILE --seed S [--iterations K] --out positions.json
  tiemap communities FILE --seed S [--resolution R] [--algorithm leiden|louvain] --out labels.json
  tiemap metrics FILE --out metrics.json
  tiemap map FILE [--seed S] [--iterations K] --out map.json
FILE is any file the tiemap page reads: a LinkedIn ZIP or Connections.csv, a graph file,
or a plain edge list (`u v [weight]` per line, `#` comments, `# nodes N` for isolated nodes).";

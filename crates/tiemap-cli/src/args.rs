//! A tiny flag parser: `FILE --name value ...`.

use std::collections::BTreeMap;

/// The positional file and the `--flag value` pairs of one command.
pub struct Args {
    pub file: String,
    flags: BTreeMap<String, String>,
}

impl Args {
    /// Parses `FILE --a 1 --b 2`; `allowed` lists the flag names the command takes.
    pub fn parse(argv: &[String], allowed: &[&str]) -> Result<Args, String> {
        let mut file = None;
        let mut flags = BTreeMap::new();
        let mut it = argv.iter();
        while let Some(a) = it.next() {
            if let Some(name) = a.strip_prefix("--") {
                if !allowed.contains(&name) {
                    return Err(format!(
                        "unknown option --{name} (takes: {})",
                        allowed.join(", ")
                    ));
                }
                let value = it.next().ok_or_else(|| format!("--{name} needs a value"))?;
                flags.insert(name.to_string(), value.clone());
            } else if file.is_none() {
                file = Some(a.clone());
            } else {
                return Err(format!("unexpected argument {a:?}"));
            }
        }
        Ok(Args {
            file: file.ok_or("missing FILE")?,
            flags,
        })
    }

    /// The value of `--name` parsed as `T`, or `default` when absent.
    pub fn get<T: std::str::FromStr>(&self, name: &str, default: T) -> Result<T, String> {
        match self.flags.get(name) {
            None => Ok(default),
            Some(v) => v
                .parse()
                .map_err(|_| format!("--{name} {v:?} is not valid")),
        }
    }

    /// The value of `--name`, if given.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.flags.get(name).map(String::as_str)
    }
}
